Hello ${to},

${summary} The contract's response time is recorded as breached.

<#include "_call.ftl">
