Hello ${to},

${summary}

<#include "_call.ftl">
