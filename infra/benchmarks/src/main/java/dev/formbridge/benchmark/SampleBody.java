package dev.formbridge.benchmark;

import java.nio.charset.StandardCharsets;

/** Realistic form submissions of a given size: a contact form whose message is padded to the size asked for. */
public final class SampleBody {
    private SampleBody() {}

    public static byte[] ofSize(int bytes) {
        String head = "{\"formId\":\"contact\",\"fields\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\","
                + "\"company\":\"Analytical Engines Ltd\",\"newsletter\":true,\"message\":\"";
        String tail = "\"},\"submittedAt\":\"2026-01-01T00:00:00Z\",\"source\":{\"siteUrl\":\"https://demo.example\","
                + "\"pageUrl\":\"https://demo.example/contact\",\"plugin\":\"form-bridge-wp/1.0\"}}";
        String words =
                "The engine might compose elaborate and scientific pieces of music of any degree of complexity. ";
        StringBuilder message = new StringBuilder();
        while (head.length() + message.length() + tail.length() < bytes) {
            message.append(words);
        }
        message.setLength(bytes - head.length() - tail.length());
        return (head + message + tail).getBytes(StandardCharsets.UTF_8);
    }
}
