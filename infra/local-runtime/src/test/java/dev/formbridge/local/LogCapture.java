package dev.formbridge.local;

import java.io.StringWriter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/** Captures every log line the handlers write, formatted by the production JSON layout. */
final class LogCapture implements AutoCloseable {
    private final StringWriter lines = new StringWriter();
    private final Appender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    LogCapture() {
        Configuration config = context.getConfiguration();
        Appender production = config.getAppender("JsonAppender");
        appender = WriterAppender.newBuilder()
                .setName("capture")
                .setTarget(lines)
                .setLayout(production.getLayout())
                .build();
        appender.start();
        config.addAppender(appender);
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.addAppender(appender, null, null);
        }
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    String text() {
        return lines.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender("capture");
        }
        config.getRootLogger().removeAppender("capture");
        appender.stop();
        context.updateLoggers();
    }
}
