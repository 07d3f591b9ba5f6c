package org.afterhours.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;

/** Notices as the follow-through words them, with a hostile caller name. */
final class Notices {
    static final Recipient ALICE = new Recipient("alice", "Alice", "alice@example.com", "PJSIP/alice");
    static final Recipient HELPDESK = Recipient.address("tickets@example.com");

    private Notices() {
    }

    static Notice messageKept(String recordingPath, String link) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("line", "Main line");
        facts.put("callerNumber", "+19135550123");
        facts.put("callerName", "<script>alert(1)</script> & <!channel>");
        facts.put("calledAt", "Tue 6 Mar 2:13 AM CST");
        facts.put("keptAt", "Tue 6 Mar 2:14 AM CST");
        facts.put("urgent", "true");
        return new Notice(NoticeKind.MESSAGE_KEPT, "1000200", ALICE, List.of(ALICE, HELPDESK),
                "Urgent message 1000200 on Main line from +19135550123\r\nBcc: victim@example.com",
                "+19135550123 left an urgent message at Tue 6 Mar 2:14 AM CST.", facts, recordingPath, link);
    }
}
