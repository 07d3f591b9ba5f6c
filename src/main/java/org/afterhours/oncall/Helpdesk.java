package org.afterhours.oncall;

/**
 * Where a caller with a non-emergency is referred (procedure step 4): the main support line, an email
 * address and a web portal. Any of them may be null when a line does not offer it.
 */
public record Helpdesk(String phone, String email, String portal) {
}
