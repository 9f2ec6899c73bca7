package dev.formbridge.benchmark.jmh;

import dev.formbridge.benchmark.SampleBody;
import dev.formbridge.secret.SigningSecret;
import dev.formbridge.secret.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying a Standard Webhooks signature over a 2 KiB body with one secret, against two baselines over the same bytes:
 * a bare HMAC-SHA256 with a fresh {@link Mac} (what any verifier must at least do) and with a reused, keyed one (the
 * floor). The ratios are our overhead: header parsing, base64 and the constant-time comparison.
 */
@State(Scope.Benchmark)
public class SignatureBenchmark {
    static final int BODY_BYTES = 2048;

    private List<SigningSecret> secrets;
    private byte[] key;
    private byte[] body;
    private String id;
    private long timestamp;
    private String header;
    private byte[] prefix;
    private Mac keyedMac;

    @Setup
    public void setUp() throws GeneralSecurityException {
        SigningSecret secret = SigningSecret.generate();
        secrets = List.of(secret);
        key = secret.key();
        body = SampleBody.ofSize(BODY_BYTES);
        id = "msg_2mLRmkS0kWJ5YkQzFZ7a9pXq1vT";
        timestamp = 1_767_225_600L;
        header = WebhookSignature.sign(secret, id, timestamp, body);
        prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        keyedMac = Mac.getInstance("HmacSHA256");
        keyedMac.init(new SecretKeySpec(key, "HmacSHA256"));
    }

    @Benchmark
    public Optional<Integer> verifyAny() {
        return WebhookSignature.verifyAny(secrets, header, id, timestamp, body);
    }

    @Benchmark
    public byte[] hmacBaseline() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(prefix);
        return mac.doFinal(body);
    }

    @Benchmark
    public byte[] hmacReusedMacBaseline() {
        keyedMac.update(prefix);
        return keyedMac.doFinal(body);
    }
}
