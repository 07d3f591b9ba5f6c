Hello ${to},

${summary}

<#include "_call.ftl">

Every after-hours caller is owed a follow-up within a day of the call.
