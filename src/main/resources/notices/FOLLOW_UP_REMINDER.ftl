Hello ${to},

${summary}

<#include "_call.ftl">

Follow up with the caller (phone, email or a ticket) and record who, how and when.
