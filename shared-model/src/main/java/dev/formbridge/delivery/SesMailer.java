package dev.formbridge.delivery;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends with SES v2 {@code SendEmail} as simple content (subject, text and HTML, UTF-8), optionally through a
 * configuration set. Throttling (which is also how SES reports an exhausted daily quota), 5xx and network failures may
 * pass on a retry; every other refusal (4xx: message rejected, MAIL FROM domain not verified, account suspended,
 * sending paused, bad request, unknown configuration set) is final.
 */
public final class SesMailer implements Mailer {
    private static final String UTF_8 = "UTF-8";

    private final SesV2Client ses;
    private final Optional<String> configurationSet;

    public SesMailer(SesV2Client ses, Optional<String> configurationSet) {
        this.ses = ses;
        this.configurationSet = configurationSet;
    }

    @Override
    public void send(MailMessage message) {
        SendEmailRequest request = toRequest(message);
        try {
            ses.sendEmail(request);
        } catch (SdkServiceException e) {
            boolean temporary = e.isThrottlingException() || e.statusCode() >= 500;
            throw new MailException("SES refused the message (HTTP " + e.statusCode() + ")", temporary, e);
        } catch (SdkClientException e) {
            throw new MailException("SES could not be reached: " + e.getMessage(), true, e);
        }
    }

    private SendEmailRequest toRequest(MailMessage message) {
        return SendEmailRequest.builder()
                .fromEmailAddress(encoded(message.from()))
                .destination(d -> d.toAddresses(encoded(message.to())))
                .content(c -> c.simple(m -> m.subject(utf8(message.subject()))
                        .body(b -> b.text(utf8(message.text())).html(utf8(message.html())))))
                .configurationSetName(configurationSet.orElse(null))
                .build();
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(UTF_8).build();
    }

    private static List<String> encoded(List<String> addresses) {
        return addresses.stream().map(SesMailer::encoded).toList();
    }

    /**
     * SES takes a display name only MIME-encoded (RFC 2047); parsing strictly also refuses a malformed address before
     * the call. The parse error quotes the address (personal data), so it is not kept as the cause.
     */
    private static String encoded(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), UTF_8).toString();
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new MailException("a mail address is malformed", false, null);
        }
    }
}
