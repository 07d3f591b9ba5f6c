Hello ${to},

${summary}

<#include "_call.ftl">

Call the customer back within the hour. The help desk has a copy of this message for its ticket.
<#if link?has_content>

I am handling it (one click, tells the others): ${link}
</#if>
