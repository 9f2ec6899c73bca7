package dev.formbridge.cdk;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app's entry point ({@code scripts/synth}, or {@code cdk --app} as {@code docs/deploy.md} shows): reads the
 * deployment settings from context and synthesizes the {@value #STACK_NAME} stack into the output directory.
 */
public final class FormBridgeApp {
    public static final String STACK_NAME = "FormBridge";

    private FormBridgeApp() {}

    public static void main(String[] args) {
        App app = new App();
        DeploymentSettings settings = DeploymentSettings.from(app.getNode()::tryGetContext);
        new FormBridgeStack(
                app,
                STACK_NAME,
                StackProps.builder()
                        .description("Form-Bridge: signed form submissions, stored once and delivered")
                        .env(Environment.builder()
                                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                                .region(System.getenv("CDK_DEFAULT_REGION"))
                                .build())
                        .build(),
                settings);
        app.synth();
    }
}
