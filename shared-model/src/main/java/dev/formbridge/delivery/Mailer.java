package dev.formbridge.delivery;

import java.util.List;

/** Port: sends e-mail (SES in AWS, SMTP locally). */
public interface Mailer {

    /** Sends {@code message}; throws {@link MailException} saying whether a retry may succeed. */
    void send(MailMessage message);

    /** One e-mail with a text and an HTML body. */
    record MailMessage(String from, List<String> to, String subject, String text, String html) {
        public MailMessage {
            to = List.copyOf(to);
        }

        @Override
        public String toString() {
            // bodies and recipients are personal data
            return "MailMessage[" + to.size() + " recipients]";
        }
    }

    /** Sending failed; {@code retryable} is false when the same message can never succeed (e.g. a rejected address). */
    final class MailException extends RuntimeException {
        private final boolean retryable;

        public MailException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
