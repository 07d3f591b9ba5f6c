Hello ${to},

${summary} A follow-up is owed to this caller as well.

<#include "_call.ftl">
