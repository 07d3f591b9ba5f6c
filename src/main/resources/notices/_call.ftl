<#-- The call's facts, shared by every notice. Plain text: nothing here is interpreted by a mail client. -->
Line:       ${facts.line!""}
Reference:  ${reference}
Caller:     ${facts.callerNumber!"unknown"}<#if (facts.callerName!"")?has_content> (${facts.callerName})</#if>
Called at:  ${facts.calledAt!""}
<#if (facts.keptAt!"")?has_content>Message:    left at ${facts.keptAt}<#if facts.urgent == "true"> (URGENT: nobody accepted the emergency)</#if>
</#if>
<#if attached>Recording:  attached
<#elseif recording?has_content>Recording:  ${recording} on the Asterisk server
</#if>
