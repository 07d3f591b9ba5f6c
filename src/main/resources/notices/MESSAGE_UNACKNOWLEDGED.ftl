Hello ${to},

${summary} You are told because nobody has said they handle it.

<#include "_call.ftl">

The customer must be called back within the hour of the message.
<#if link?has_content>

I am handling it (one click, tells the others): ${link}
</#if>
