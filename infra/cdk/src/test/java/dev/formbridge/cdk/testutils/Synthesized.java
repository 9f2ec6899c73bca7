package dev.formbridge.cdk.testutils;

import dev.formbridge.cdk.DeploymentSettings;
import dev.formbridge.cdk.FormBridgeStack;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack synthesized once per set of context values and shared by all test classes of the JVM: a synth costs
 * seconds (the jsii kernel runs aws-cdk-lib in Node.js), assertions on its template cost milliseconds.
 */
public record Synthesized(FormBridgeStack stack, Template template) {
    private static final Map<Map<String, String>, Synthesized> CACHE = new ConcurrentHashMap<>();

    /** The stack as {@code scripts/synth} builds it, with the stub jars. */
    public static Synthesized defaults() {
        return with(Map.of());
    }

    /** The stack with these context values ({@code formbridge:…}) in addition to the stub jars. */
    public static synchronized Synthesized with(Map<String, String> context) {
        return CACHE.computeIfAbsent(context, Synthesized::synthesize);
    }

    private static Synthesized synthesize(Map<String, String> context) {
        Map<String, Object> all = new HashMap<>(context);
        all.putIfAbsent("formbridge:lambdasDir", StubLambdaJars.create().toString());
        App app = new App(AppProps.builder().context(all).build());
        FormBridgeStack stack = new FormBridgeStack(
                app,
                "FormBridge",
                StackProps.builder()
                        .env(Environment.builder()
                                .account("123456789012")
                                .region("eu-west-1")
                                .build())
                        .build(),
                DeploymentSettings.from(app.getNode()::tryGetContext));
        return new Synthesized(stack, Template.fromStack(stack));
    }
}
