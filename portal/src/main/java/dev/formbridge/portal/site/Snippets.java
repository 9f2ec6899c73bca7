package dev.formbridge.portal.site;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ready-to-paste code that sends a signed submission: curl with openssl, PHP for WordPress ({@code wp_remote_post}),
 * Python and Node. Each signs {@code id.timestamp.body} with HMAC-SHA256 using the base64-decoded part of the secret
 * after {@code whsec_}, exactly as ingest verifies it.
 */
public final class Snippets {
    private Snippets() {}

    /** Snippets by language name, for the given ingest URL, site key and secret. */
    public static Map<String, String> forSite(String ingestUrl, String siteKey, String secret) {
        Map<String, String> snippets = new LinkedHashMap<>();
        snippets.put("curl + openssl", curl(ingestUrl, siteKey, secret));
        snippets.put("PHP (WordPress)", php(ingestUrl, siteKey, secret));
        snippets.put("Python", python(ingestUrl, siteKey, secret));
        snippets.put("Node", node(ingestUrl, siteKey, secret));
        return snippets;
    }

    static String curl(String url, String key, String secret) {
        return """
                SECRET='%s'
                ID="msg_$(date +%%s%%N)"; TS="$(date +%%s)"
                BODY='{"formId":"contact","fields":{"name":"Ada","email":"ada@example.com"}}'
                SIG=$(printf '%%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC \\
                  -macopt hexkey:$(printf '%%s' "${SECRET#whsec_}" | base64 -d | xxd -p -c 256) -binary | base64)
                curl -sS -X POST '%s' -H 'Content-Type: application/json' \\
                  -H 'X-FormBridge-Site: %s' -H "webhook-id: $ID" -H "webhook-timestamp: $TS" \\
                  -H "webhook-signature: v1,$SIG" --data-binary "$BODY"
                """.formatted(secret, url, key);
    }

    static String php(String url, String key, String secret) {
        return """
                <?php
                // In your form plugin's "after submit" hook. Keep the secret in wp-config.php, not in the theme.
                $secret = '%s';
                $body = wp_json_encode(['formId' => 'contact', 'fields' => ['name' => 'Ada'],
                    'source' => ['siteUrl' => home_url(), 'plugin' => 'my-form-plugin']]);
                $id = 'msg_' . wp_generate_uuid4();
                $ts = (string) time();
                $key = base64_decode(substr($secret, strlen('whsec_')));
                $sig = base64_encode(hash_hmac('sha256', "$id.$ts.$body", $key, true));
                $response = wp_remote_post('%s', [
                    'headers' => ['Content-Type' => 'application/json', 'X-FormBridge-Site' => '%s',
                        'webhook-id' => $id, 'webhook-timestamp' => $ts, 'webhook-signature' => "v1,$sig"],
                    'body' => $body, // send exactly the bytes you signed
                    'timeout' => 10,
                ]);
                """.formatted(secret, url, key);
    }

    static String python(String url, String key, String secret) {
        return """
                import base64, hashlib, hmac, json, time, urllib.request, uuid
                secret = "%s"
                body = json.dumps({"formId": "contact", "fields": {"name": "Ada"}}).encode()
                msg_id, ts = f"msg_{uuid.uuid4().hex}", str(int(time.time()))
                key = base64.b64decode(secret.removeprefix("whsec_"))
                sig = base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
                request = urllib.request.Request("%s", data=body, method="POST", headers={
                    "Content-Type": "application/json", "X-FormBridge-Site": "%s",
                    "webhook-id": msg_id, "webhook-timestamp": ts, "webhook-signature": f"v1,{sig}"})
                print(urllib.request.urlopen(request).read().decode())
                """.formatted(secret, url, key);
    }

    static String node(String url, String key, String secret) {
        return """
                import { createHmac, randomUUID } from "node:crypto";
                const secret = "%s";
                const body = JSON.stringify({ formId: "contact", fields: { name: "Ada" } });
                const id = `msg_${randomUUID()}`, ts = Math.floor(Date.now() / 1000).toString();
                const key = Buffer.from(secret.slice("whsec_".length), "base64");
                const sig = createHmac("sha256", key).update(`${id}.${ts}.${body}`).digest("base64");
                const res = await fetch("%s", { method: "POST", body, headers: {
                  "Content-Type": "application/json", "X-FormBridge-Site": "%s",
                  "webhook-id": id, "webhook-timestamp": ts, "webhook-signature": `v1,${sig}` } });
                console.log(res.status, await res.text());
                """.formatted(secret, url, key);
    }
}
