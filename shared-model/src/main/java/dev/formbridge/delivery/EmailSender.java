package dev.formbridge.delivery;

import dev.formbridge.connector.Connector;
import dev.formbridge.connector.Templates;
import dev.formbridge.delivery.Mailer.MailException;
import dev.formbridge.delivery.Mailer.MailMessage;
import dev.formbridge.submission.Submission;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Delivers by e-mail: subject, text and HTML bodies from templates, sent through the {@link Mailer} port. */
public final class EmailSender implements RequestSender {
    /** Environment variable with the sender address of e-mail connectors (set by the CDK app). */
    public static final String MAIL_FROM_ENV = "FORMBRIDGE_MAIL_FROM";

    private final Mailer mailer;
    private final String from;

    public EmailSender(Mailer mailer, String from) {
        this.mailer = mailer;
        this.from = from;
    }

    @Override
    public DeliveryRequest request(Connector connector, String deliveryId, Submission submission) {
        List<String> to = Arrays.stream(connector.target().split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        String textTemplate = connector.template() == null ? Templates.DEFAULT_EMAIL_TEXT : connector.template();
        return new DeliveryRequest.Mail(new MailMessage(
                from,
                to,
                Templates.text(Templates.DEFAULT_EMAIL_SUBJECT, submission, deliveryId),
                Templates.text(textTemplate, submission, deliveryId),
                Templates.html(Templates.DEFAULT_EMAIL_HTML, submission, deliveryId)));
    }

    @Override
    public SendOutcome send(DeliveryRequest request) {
        if (!(request instanceof DeliveryRequest.Mail mail)) {
            throw new IllegalArgumentException("e-mail connectors send e-mail");
        }
        long started = System.nanoTime();
        try {
            mailer.send(mail.message());
            return SendOutcome.delivered(250, Duration.ofNanos(System.nanoTime() - started));
        } catch (MailException e) {
            return SendOutcome.failed(
                    0, Duration.ofNanos(System.nanoTime() - started), "mail: " + e.getMessage(), e.retryable());
        }
    }
}
