package dev.formbridge.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What differs between deployments, read once from CDK context ({@code -c formbridge:<name>=<value>}). Values a real
 * deployment must set have placeholders so that synth works offline; each placeholder in use becomes a warning on the
 * stack ({@link #placeholdersInUse()}), and {@code docs/deploy.md} lists them.
 *
 * @param lambdasDir where the shaded Lambda jars are ({@code lambdas/target} of this repository)
 * @param portalImage the portal's container image (ARM64), built and pushed as {@code docs/deploy.md} shows
 * @param portalDomain the portal's host name; its certificate must be {@code portalCertificateArn}
 * @param authDomainPrefix the Cognito hosted sign-in domain prefix (globally unique)
 * @param mailDomain the SES identity that e-mail connectors send from
 * @param alarmEmail where alarms are mailed (none: the alarm topic has no subscription)
 * @param provisionedConcurrency provisioned instances for the authorizer and ingest aliases (0: none)
 * @param snapStart SnapStart on published versions (off only to compare; then the C1 JVM flags apply, ADR 0006)
 */
public record DeploymentSettings(
        Path lambdasDir,
        String portalImage,
        String portalDomain,
        String portalCertificateArn,
        String authDomainPrefix,
        String mailDomain,
        String alarmEmail,
        int provisionedConcurrency,
        boolean snapStart,
        int apiRateLimit,
        int apiBurstLimit,
        List<String> placeholdersInUse) {

    static final String PREFIX = "formbridge:";

    /** Reads the settings through {@code context} (a node's {@code tryGetContext}, or a map in tests). */
    public static DeploymentSettings from(Function<String, Object> context) {
        Reader reader = new Reader(context);
        return new DeploymentSettings(
                Path.of(reader.text("lambdasDir", "lambdas/target", false)),
                reader.text("portalImage", "public.ecr.aws/formbridge/portal:placeholder", true),
                reader.text("portalDomain", "portal.formbridge.example", true),
                reader.text(
                        "portalCertificateArn",
                        "arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
                        true),
                reader.text("authDomainPrefix", "formbridge-placeholder", true),
                reader.text("mailDomain", "mail.formbridge.example", true),
                reader.text("alarmEmail", "", false),
                Integer.parseInt(reader.text("provisionedConcurrency", "0", false)),
                Boolean.parseBoolean(reader.text("snapStart", "true", false)),
                Integer.parseInt(reader.text("apiRateLimit", "500", false)),
                Integer.parseInt(reader.text("apiBurstLimit", "1000", false)),
                List.copyOf(reader.placeholders));
    }

    /** The sender address of e-mail connectors. */
    public String mailFrom() {
        return "Form-Bridge <no-reply@" + mailDomain + ">";
    }

    private static final class Reader {
        private final Function<String, Object> context;
        private final List<String> placeholders = new ArrayList<>();

        Reader(Function<String, Object> context) {
            this.context = context;
        }

        String text(String name, String fallback, boolean placeholder) {
            Object value = context.apply(PREFIX + name);
            if (value == null || value.toString().isBlank()) {
                if (placeholder) {
                    placeholders.add(PREFIX + name);
                }
                return fallback;
            }
            return value.toString().strip();
        }
    }
}
