Hello ${to},

${summary} The response time is recorded as breached.

<#include "_call.ftl">

Call the customer back now, then mark the message answered.
