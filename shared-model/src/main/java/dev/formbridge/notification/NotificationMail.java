package dev.formbridge.notification;

import com.samskivert.mustache.Escapers;
import dev.formbridge.connector.Connector;
import dev.formbridge.delivery.DeliveryAlert;
import java.time.Duration;
import java.util.List;

/** The subject and bodies of a notification: what happened to which connector, what to do, and how to opt out. */
record NotificationMail(String subject, String text, String html) {

    static NotificationMail of(DeliveryAlert alert, Connector connector, String organisation) {
        String name = "“" + connector.name() + "”";
        String subject;
        String what;
        switch (alert.reason()) {
            case CONNECTOR_DISABLED -> {
                subject = "Form-Bridge: the connector " + name + " was disabled";
                what = "The destination of the connector " + name + " answered 410 Gone at " + alert.at()
                        + ": it says it no longer exists, so Form-Bridge disabled the connector and sends nothing"
                        + " more to it. Submissions are still accepted and stored. When the destination is back,"
                        + " enable the connector in the portal and replay its failed deliveries.";
            }
            case CIRCUIT_OPEN -> {
                long minutes = Duration.between(alert.openSince(), alert.at()).toMinutes();
                subject = "Form-Bridge: the connector " + name + " has been failing for " + minutes + " minutes";
                what = "Deliveries to the connector " + name + " have been failing since " + alert.openSince()
                        + ". Form-Bridge keeps trying (one probe at a time until the destination answers again);"
                        + " deliveries that run out of retries go to the dead-letter list. The connector's deliveries"
                        + " in the portal show the error of each attempt.";
            }
            case DEAD_LETTERS -> {
                subject = "Form-Bridge: " + alert.deadLetters() + " failed deliveries for the connector " + name;
                what = "The connector " + name + " now has " + alert.deadLetters() + " failed deliveries on its"
                        + " dead-letter list: they ran out of retries or could not be retried. Fix the destination,"
                        + " then replay them from the portal.";
            }
            default -> throw new IllegalArgumentException("no notification for " + alert.reason());
        }
        String about = "Organisation: " + organisation + "\nConnector: " + connector.name() + " (" + connector.id()
                + ", " + connector.type().name().toLowerCase(java.util.Locale.ROOT) + ")";
        String why = "You get this e-mail as an owner or admin of " + organisation + ", at most once an hour per"
                + " connector and reason. To stop these e-mails, turn notifications off in the portal's team settings.";
        List<String> paragraphs = List.of(what, about, why);
        return new NotificationMail(subject, String.join("\n\n", paragraphs) + "\n", html(paragraphs));
    }

    private static String html(List<String> paragraphs) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : paragraphs) {
            html.append("<p>")
                    .append(Escapers.HTML.escape(paragraph).replace("\n", "<br>"))
                    .append("</p>");
        }
        return html.toString();
    }
}
