package org.afterhours.notify;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.afterhours.escalation.Notice;

/**
 * The bodies of notices, from FreeMarker templates kept in the repo ({@code src/main/resources/notices}, one per
 * kind of notice). Plain text: nothing a caller supplied can become markup in the reader's mail client.
 */
final class NoticeTemplates {
    private final Configuration freemarker;

    NoticeTemplates() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(NoticeTemplates.class, "/notices");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    /** @param attached whether the recording goes with the message as a file */
    String body(Notice notice, boolean attached) {
        Map<String, Object> model = Map.of("to", notice.to().name(), "summary", notice.summary(),
                "reference", notice.reference(), "facts", notice.facts(), "recording", notice.recordingPath(),
                "attached", attached, "link", notice.acknowledgeLink());
        try {
            Template template = freemarker.getTemplate(notice.kind().name() + ".ftl");
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("cannot word a " + notice.kind() + " notice: " + e.getMessage(), e);
        }
    }
}
