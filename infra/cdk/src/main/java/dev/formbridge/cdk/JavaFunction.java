package dev.formbridge.cdk;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A Form-Bridge Lambda function as every one of them is deployed: ARM64 on the Java 25 runtime, SnapStart on published
 * versions, a {@code live} alias on the current version (API integrations and event sources point at the alias, never
 * at {@code $LATEST}), JSON logs with Lambda's system logs at WARN (no START, END or REPORT lines) and the
 * application's at INFO, a log group with a retention, and the Powertools variables. How much the code itself logs is
 * the function's {@link JavaFunctionProps.LogLevel}, set on its own loggers: Lambda's application level stays at INFO
 * because it files a line without a {@code level} (an EMF metrics line) as INFO, and would drop the metrics at WARN.
 */
public final class JavaFunction extends Construct {
    public static final String ALIAS = "live";
    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    /** The level of the {@code dev.formbridge} loggers (lambdas' log4j2.xml reads it). */
    public static final String LOG_LEVEL_ENV = "FORMBRIDGE_LOG_LEVEL";
    /** The JVM flags of ADR 0006 for functions without SnapStart: C1 only and the serial collector. */
    public static final String C1_FLAGS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    private final Function function;
    private final Alias alias;
    private final LogGroup logGroup;

    public JavaFunction(Construct scope, String id, JavaFunctionProps props) {
        this(scope, id, props, null);
    }

    /** {@code onFailure}: where an asynchronous invocation goes after its retries (the router's dead-letter queue). */
    public JavaFunction(Construct scope, String id, JavaFunctionProps props, IDestination onFailure) {
        super(scope, id);
        this.logGroup = LogGroup.Builder.create(this, "Logs")
                .retention(LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        var builder = Function.Builder.create(this, "Function")
                .description("Form-Bridge " + props.name())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(props.jar().toString()))
                .handler(props.handlerClass() + "::handleRequest")
                .memorySize(props.memoryMb())
                .timeout(software.amazon.awscdk.Duration.seconds(props.timeout().toSeconds()))
                .environment(environment(props))
                .loggingFormat(LoggingFormat.JSON)
                .systemLogLevelV2(SystemLogLevel.WARN)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .logGroup(logGroup);
        if (props.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        this.function = builder.build();
        var alias = Alias.Builder.create(this, "Live").aliasName(ALIAS).version(function.getCurrentVersion());
        if (props.provisionedConcurrency() > 0) {
            alias.provisionedConcurrentExecutions(props.provisionedConcurrency());
        }
        if (onFailure != null) {
            alias.onFailure(onFailure).retryAttempts(2).maxEventAge(software.amazon.awscdk.Duration.hours(6));
        }
        this.alias = alias.build();
    }

    private static Map<String, String> environment(JavaFunctionProps props) {
        Map<String, String> env = new HashMap<>(props.environment());
        env.put("POWERTOOLS_SERVICE_NAME", "formbridge-" + props.name());
        env.put("POWERTOOLS_METRICS_NAMESPACE", "FormBridge");
        env.put(LOG_LEVEL_ENV, props.logLevel().name());
        if (!props.snapStart()) {
            // with SnapStart the runtime's defaults (full tiered compilation) are better: ADR 0006
            env.put("JAVA_TOOL_OPTIONS", C1_FLAGS);
        }
        return env;
    }

    public Function function() {
        return function;
    }

    /** The {@code live} alias: what API Gateway, EventBridge and SQS invoke. */
    public Alias alias() {
        return alias;
    }

    public LogGroup logGroup() {
        return logGroup;
    }
}
