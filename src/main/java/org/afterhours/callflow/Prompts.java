package org.afterhours.callflow;

/**
 * The sound files the flow plays, by the names Asterisk knows them (below its sounds folder, no extension). Their
 * texts are in {@code asterisk-config/sounds/prompts.txt}; a test keeps the two lists equal.
 */
final class Prompts {
    static final String WELCOME = "afterhours/welcome";
    static final String OPEN_NOW_TRANSFERRING = "afterhours/open-now-transferring";
    static final String OPEN_NOW_LEAVE_MESSAGE = "afterhours/open-now-leave-message";
    static final String TRIAGE_MENU = "afterhours/triage-menu";
    static final String INVALID_CHOICE = "afterhours/invalid-choice";
    static final String NO_CHOICE = "afterhours/no-choice";
    static final String YOUR_REFERENCE_IS = "afterhours/your-reference-is";
    static final String AGAIN_YOUR_REFERENCE_IS = "afterhours/again-your-reference-is";
    static final String CONNECTING_TECHNICIAN = "afterhours/connecting-technician";
    static final String NO_TECHNICIAN_LEAVE_MESSAGE = "afterhours/no-technician-leave-message";
    static final String HELPDESK_INTRO = "afterhours/helpdesk-intro";
    static final String HELPDESK_CALL = "afterhours/helpdesk-call";
    static final String HELPDESK_EMAIL = "afterhours/helpdesk-email";
    static final String HELPDESK_PORTAL = "afterhours/helpdesk-portal";
    static final String ANSWERED_DURING_HOURS = "afterhours/answered-during-hours";
    static final String TO = "afterhours/to";
    static final String A_M = "afterhours/a-m";
    static final String P_M = "afterhours/p-m";
    static final String CENTRAL_TIME = "afterhours/central-time";
    static final String EASTERN_TIME = "afterhours/eastern-time";
    static final String MOUNTAIN_TIME = "afterhours/mountain-time";
    static final String PACIFIC_TIME = "afterhours/pacific-time";
    static final String MONDAY_TO_FRIDAY = "afterhours/monday-to-friday";
    static final String NONEMERGENCY_CHOICE = "afterhours/nonemergency-choice";
    static final String NONEMERGENCY_OPTIONS = "afterhours/nonemergency-options";
    static final String LEAVE_MESSAGE = "afterhours/leave-message";
    static final String MESSAGE_REVIEW = "afterhours/message-review";
    static final String NO_MESSAGE_HEARD = "afterhours/no-message-heard";
    static final String MESSAGE_SAVED = "afterhours/message-saved";
    static final String GOODBYE = "afterhours/goodbye";
    static final String TECHNICAL_DIFFICULTY = "afterhours/technical-difficulty";
    static final String STILL_TRYING = "afterhours/still-trying";
    static final String CONNECTING_NOW = "afterhours/connecting-now";
    static final String SCREEN_EMERGENCY = "afterhours/screen-emergency";
    static final String SCREEN_REFERENCE = "afterhours/screen-reference";
    static final String SCREEN_OPTIONS = "afterhours/screen-options";
    static final String SCREEN_CONNECTING = "afterhours/screen-connecting";
    static final String SCREEN_TAKEN = "afterhours/screen-taken";
    static final String SCREEN_DECLINED = "afterhours/screen-declined";
    static final String ALERT_EMERGENCY_REFERENCE = "afterhours/alert-emergency-reference";
    static final String ALERT_ACCEPTED_BY = "afterhours/alert-accepted-by";
    static final String ALERT_A_TECHNICIAN = "afterhours/alert-a-technician";
    static final String ALERT_JOIN = "afterhours/alert-join";
    static final String ALERT_NOBODY = "afterhours/alert-nobody";
    static final String ALERT_CALL_OVER = "afterhours/alert-call-over";
    static final String MESSAGE_CALL_URGENT = "afterhours/message-call-urgent";
    static final String MESSAGE_CALL = "afterhours/message-call";
    static final String MESSAGE_CALL_FROM = "afterhours/message-call-from";
    static final String MESSAGE_CALL_LEFT_AT = "afterhours/message-call-left-at";
    static final String MESSAGE_CALL_OPTIONS = "afterhours/message-call-options";
    static final String MESSAGE_CALL_NO_RECORDING = "afterhours/message-call-no-recording";
    static final String MESSAGE_CALL_CALLING = "afterhours/message-call-calling";
    static final String MESSAGE_CALL_NO_ANSWER = "afterhours/message-call-no-answer";
    static final String MESSAGE_CALL_THANKS = "afterhours/message-call-thanks";

    private Prompts() {
    }

    /** A prompt rendered for one line (its name, help desk email or portal), when the administrator made one. */
    static String forLine(String lineId, String what) {
        return OptionalPrompts.LINES_FOLDER + lineId + "/" + what;
    }

    /** A person's name, spoken, when the administrator made one. */
    static String personName(String personId) {
        return OptionalPrompts.PEOPLE_FOLDER + personId + "/name";
    }
}
