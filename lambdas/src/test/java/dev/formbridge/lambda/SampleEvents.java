package dev.formbridge.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Sample AWS events from {@code src/test/resources/events}, filled in and read the way the Lambda runtime reads them. */
final class SampleEvents {
    private SampleEvents() {}

    static <T> T load(String name, Class<T> type, Map<String, String> values) {
        String json = read(name);
        for (Map.Entry<String, String> value : values.entrySet()) {
            json = json.replace("${" + value.getKey() + "}", value.getValue());
        }
        return LambdaEventSerializers.serializerFor(type, SampleEvents.class.getClassLoader())
                .fromJson(json);
    }

    private static String read(String name) {
        try (InputStream in = SampleEvents.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
