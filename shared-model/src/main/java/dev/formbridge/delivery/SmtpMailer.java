package dev.formbridge.delivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends over SMTP with Jakarta Mail (Angus): one multipart/alternative message (text, then HTML, both UTF-8). A failure
 * to connect and a 4xx reply may pass on a retry; a 5xx reply (a rejected recipient, wrong credentials) and a malformed
 * address never will.
 */
public final class SmtpMailer implements Mailer {
    private static final String UTF_8 = "UTF-8";

    private final Session session;
    private final Optional<Credentials> login;

    public SmtpMailer(String host, int port, Optional<Credentials> login, boolean startTls, Duration timeout) {
        this.session = Session.getInstance(properties(host, port, login.isPresent(), startTls, timeout));
        this.login = login;
    }

    /** The SMTP login; its {@code toString} hides the password. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=***]";
        }
    }

    @Override
    public void send(MailMessage message) {
        try {
            MimeMessage mime = toMime(message);
            if (login.isPresent()) {
                Transport.send(mime, login.get().user(), login.get().password());
            } else {
                Transport.send(mime);
            }
        } catch (MessagingException e) {
            throw failure(e);
        }
    }

    private static Properties properties(String host, int port, boolean auth, boolean startTls, Duration timeout) {
        String millis = String.valueOf(timeout.toMillis());
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        // the EHLO name and the Message-ID host: without them Jakarta Mail looks up this machine's name, which can
        // stall for seconds where reverse DNS is slow
        properties.put("mail.smtp.localhost", "formbridge.local");
        properties.put("mail.host", "formbridge.local");
        properties.put("mail.user", "formbridge");
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.auth", String.valueOf(auth));
        properties.put("mail.smtp.starttls.enable", String.valueOf(startTls));
        // with STARTTLS asked for, never fall back to plain text (the password would travel in clear)
        properties.put("mail.smtp.starttls.required", String.valueOf(startTls));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        return properties;
    }

    private MimeMessage toMime(MailMessage message) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(message.html(), UTF_8, "html");
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(address(message.from()));
        mime.setRecipients(RecipientType.TO, addresses(message.to()));
        mime.setSubject(message.subject(), UTF_8);
        mime.setContent(new MimeMultipart("alternative", text, html));
        return mime;
    }

    private static InternetAddress[] addresses(List<String> to) throws AddressException {
        InternetAddress[] addresses = new InternetAddress[to.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = address(to.get(i));
        }
        return addresses;
    }

    /** Parses strictly; a parsed display name stays raw UTF-8, so it is set again to be MIME-encoded (RFC 2047). */
    private static InternetAddress address(String text) throws AddressException {
        InternetAddress parsed = new InternetAddress(text, true);
        try {
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), UTF_8);
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static MailException failure(MessagingException e) {
        // address errors and SMTP reply texts quote the addresses (personal data): only the reply code is kept
        if (e instanceof AddressException) {
            return new MailException("a mail address is malformed", false, null);
        }
        if (e instanceof SendFailedException refused) {
            int code = replyCode(refused);
            boolean temporary = code >= 400 && code < 500 && !hasInvalidAddresses(refused);
            return new MailException("the SMTP server refused the message (reply " + code + ")", temporary, null);
        }
        if (e instanceof AuthenticationFailedException) {
            boolean temporary = String.valueOf(e.getMessage()).startsWith("4");
            return new MailException("the SMTP server refused the login", temporary, e);
        }
        return new MailException("SMTP sending failed: " + e.getMessage(), true, e);
    }

    /** The reply code in the chain of {@code e}, or -1 (e.g. "no recipient addresses", raised before any reply). */
    private static int replyCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException send) {
                return send.getReturnCode();
            }
        }
        return -1;
    }

    private static boolean hasInvalidAddresses(SendFailedException e) {
        return e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
    }
}
