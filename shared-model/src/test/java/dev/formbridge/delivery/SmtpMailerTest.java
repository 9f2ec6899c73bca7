package dev.formbridge.delivery;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.formbridge.delivery.Mailer.MailException;
import dev.formbridge.delivery.Mailer.MailMessage;
import dev.formbridge.delivery.SmtpMailer.Credentials;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The SMTP adapter against GreenMail (a real SMTP server in the JVM), and, for what GreenMail cannot do (it accepts every
 * recipient), against a scripted SMTP responder or no server at all.
 */
class SmtpMailerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final String FROM = "Formular-Brücke <noreply@formbridge.test>";
    private static final String ANNA = "anna@example.org";
    private static final String BOB = "bob@example.org";
    private static final String SUBJECT = "Neue Anfrage – Zoë";
    private static final String TEXT = "Hallo, eine neue Anfrage von Zoë ist eingetroffen.";
    private static final String HTML = "<p>Hallo <b>Zoë</b></p>";

    @Nested
    class AgainstGreenMail {
        private GreenMail greenMail;

        @BeforeEach
        void start() {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                    .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "right-password"));
            greenMail.start();
        }

        @AfterEach
        void stop() {
            greenMail.stop();
        }

        private SmtpMailer mailer(Optional<Credentials> login) {
            return new SmtpMailer("127.0.0.1", greenMail.getSmtp().getPort(), login, false, TIMEOUT);
        }

        @Test
        void a_utf8_message_arrives_for_both_recipients_with_its_subject_and_both_bodies_intact() throws Exception {
            // GIVEN a message with umlauts and a dash in the sender name, the subject and both bodies
            MailMessage message = message(List.of(ANNA, BOB));

            // WHEN it is sent
            mailer(Optional.empty()).send(message);

            // THEN each recipient got one copy: multipart/alternative with the exact text, then the exact HTML
            assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
            for (String recipient : List.of(ANNA, BOB)) {
                List<MimeMessage> inbox = greenMail
                        .findReceivedMessages(user -> user.getEmail().equals(recipient), m -> true)
                        .toList();
                assertThat(inbox).hasSize(1);
                MimeMessage received = inbox.getFirst();
                assertThat(received.getSubject()).isEqualTo(SUBJECT);
                assertThat(received.getHeader("To", ",")).contains(ANNA, BOB);
                assertThat(received.getContentType()).startsWith("multipart/alternative");
                Multipart parts = (Multipart) received.getContent();
                assertThat(parts.getCount()).isEqualTo(2);
                assertPart(parts.getBodyPart(0), "text/plain", TEXT);
                assertPart(parts.getBodyPart(1), "text/html", HTML);
            }
        }

        @Test
        void a_display_name_with_umlauts_travels_mime_encoded_and_decodes_to_the_original() throws Exception {
            // GIVEN the sender "Formular-Brücke"
            // WHEN a message is sent
            mailer(Optional.empty()).send(message(List.of(ANNA)));

            // THEN the From header is 7-bit (RFC 2047), and reads back as the original name
            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage received = greenMail.getReceivedMessages()[0];
            assertThat(received.getHeader("From")[0]).startsWith("=?UTF-8?").doesNotContain("ü");
            InternetAddress from = (InternetAddress) received.getFrom()[0];
            assertThat(from.getPersonal()).isEqualTo("Formular-Brücke");
            assertThat(from.getAddress()).isEqualTo("noreply@formbridge.test");
        }

        @Test
        void with_the_right_login_the_message_is_delivered() {
            // GIVEN a server that knows the user "mailer"
            // WHEN a message is sent with its password
            mailer(Optional.of(new Credentials("mailer", "right-password"))).send(message(List.of(ANNA)));

            // THEN it arrives
            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        }

        @Test
        void a_wrong_password_is_refused_with_535_and_is_not_retryable() {
            // GIVEN a server that knows the user "mailer" with another password
            SmtpMailer mailer = mailer(Optional.of(new Credentials("mailer", "wrong-password")));

            // WHEN a message is sent
            MailException thrown = catchThrowableOfType(MailException.class, () -> mailer.send(message(List.of(ANNA))));

            // THEN it fails for good and nothing arrived
            assertThat(thrown).isNotNull();
            assertThat(thrown.retryable()).isFalse();
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        }

        @Test
        void a_malformed_recipient_is_not_retryable_and_not_quoted_in_the_error() {
            // GIVEN a recipient that is no address
            MailMessage message = message(List.of(ANNA, "not an address"));

            // WHEN it is sent
            MailException thrown = catchThrowableOfType(
                    MailException.class, () -> mailer(Optional.empty()).send(message));

            // THEN it fails for good before anything is sent, without the address in the error
            assertThat(thrown).isNotNull();
            assertThat(thrown.retryable()).isFalse();
            assertThat(stackTrace(thrown)).doesNotContain("not an address");
            assertThat(greenMail.getReceivedMessages()).isEmpty();
        }

        @Test
        void a_server_that_fails_after_the_data_with_451_is_retryable() {
            // GIVEN a server whose delivery fails, which GreenMail answers with "451 ... local error in processing"
            greenMail.getUserManager().setMessageDeliveryHandler((moving, address) -> {
                throw new MessagingException("mailbox store is down");
            });

            // WHEN a message is sent
            MailException thrown = catchThrowableOfType(
                    MailException.class, () -> mailer(Optional.empty()).send(message(List.of(ANNA))));

            // THEN a later attempt may succeed
            assertThat(thrown).isNotNull().hasMessageContaining("451");
            assertThat(thrown.retryable()).isTrue();
        }
    }

    @Nested
    class RecipientReplies {
        @Test
        void a_recipient_rejected_with_550_is_not_retryable_and_not_quoted_in_the_error() throws Exception {
            // GIVEN a server that rejects every recipient for good, naming it in its reply
            try (ScriptedSmtpServer server = new ScriptedSmtpServer("550 5.1.1 <" + BOB + ">: user unknown")) {
                // WHEN a message is sent
                MailException thrown = catchThrowableOfType(
                        MailException.class, () -> mailerOn(server.port()).send(message(List.of(BOB))));

                // THEN it fails for good, with the reply code but without the address
                assertThat(thrown).isNotNull().hasMessageContaining("550");
                assertThat(thrown.retryable()).isFalse();
                assertThat(stackTrace(thrown)).doesNotContain(BOB);
            }
        }

        @Test
        void a_recipient_deferred_with_450_is_retryable() throws Exception {
            // GIVEN a server that defers every recipient (a busy mailbox, greylisting)
            try (ScriptedSmtpServer server = new ScriptedSmtpServer("450 4.2.1 mailbox busy, try again later")) {
                // WHEN a message is sent
                MailException thrown = catchThrowableOfType(
                        MailException.class, () -> mailerOn(server.port()).send(message(List.of(BOB))));

                // THEN a later attempt may succeed
                assertThat(thrown).isNotNull().hasMessageContaining("450");
                assertThat(thrown.retryable()).isTrue();
            }
        }
    }

    @Nested
    class Unreachable {
        @Test
        void no_server_on_the_port_fails_quickly_and_is_retryable() throws IOException {
            // GIVEN a port nobody listens on
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }

            // WHEN a message is sent there
            MailException thrown = assertTimeoutPreemptively(
                    Duration.ofSeconds(5),
                    () -> catchThrowableOfType(
                            MailException.class, () -> mailerOn(port).send(message(List.of(ANNA)))));

            // THEN a later attempt may succeed
            assertThat(thrown).isNotNull();
            assertThat(thrown.retryable()).isTrue();
        }

        @Test
        void a_server_that_accepts_but_never_greets_is_given_up_after_the_timeout_and_is_retryable()
                throws IOException {
            // GIVEN a socket whose backlog completes the connection, but nobody ever answers
            try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                // WHEN a message is sent there with a timeout of one second
                long start = System.nanoTime();
                MailException thrown = assertTimeoutPreemptively(
                        Duration.ofSeconds(5),
                        () -> catchThrowableOfType(
                                MailException.class,
                                () -> mailerOn(silent.getLocalPort()).send(message(List.of(ANNA)))));

                // THEN it gives up after about that second, and a later attempt may succeed
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT);
                assertThat(thrown).isNotNull();
                assertThat(thrown.retryable()).isTrue();
            }
        }
    }

    @Test
    void credentials_do_not_show_the_password() {
        assertThat(new Credentials("mailer", "s3cret-pass").toString())
                .contains("mailer")
                .doesNotContain("s3cret-pass");
    }

    private static SmtpMailer mailerOn(int port) {
        return new SmtpMailer("127.0.0.1", port, Optional.empty(), false, TIMEOUT);
    }

    private static MailMessage message(List<String> to) {
        return new MailMessage(FROM, to, SUBJECT, TEXT, HTML);
    }

    private static void assertPart(Part part, String type, String content) throws Exception {
        assertThat(part.getContentType()).startsWith(type).containsIgnoringCase("charset=UTF-8");
        assertThat(part.getContent()).isEqualTo(content);
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    /**
     * One SMTP session, scripted: "250 ok" to everything but RCPT, which gets {@code rcptReply}. GreenMail accepts
     * every recipient, so this plays the server that refuses one.
     */
    private static final class ScriptedSmtpServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread session;

        ScriptedSmtpServer(String rcptReply) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            session = Thread.ofVirtual().start(() -> serve(rcptReply));
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(String rcptReply) {
            try (Socket client = socket.accept();
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), US_ASCII))) {
                OutputStream out = client.getOutputStream();
                reply(out, "220 scripted ESMTP");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String verb =
                            line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
                    reply(out, verb.equals("RCPT") ? rcptReply : verb.equals("QUIT") ? "221 bye" : "250 ok");
                    if (verb.equals("QUIT")) {
                        return;
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            session.join(Duration.ofSeconds(5));
        }
    }
}
