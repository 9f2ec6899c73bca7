package dev.formbridge.local;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The local runtime's commands: {@code run} (the whole system), {@code create-site} (a tenant and a site, printing
 * the site key and the secret once), {@code create-webhook} (a webhook connector, printing its signing secret once) and
 * {@code send} (one signed test submission).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "run" -> run();
            case "create-site" -> LocalAdmin.createSite(rest);
            case "send" -> TestSender.main(rest);
            case "create-webhook" -> LocalAdmin.createWebhook(rest);
            default -> {
                System.err.println("usage: run | create-site <tenant name> <site name> <site url> | "
                        + "create-webhook <tenant id> <url> [filter] | send <site key> <secret> [ingest url]");
                System.exit(2);
            }
        }
    }

    private static void run() throws Exception {
        LocalConfig config = LocalConfig.fromEnvironment();
        LocalRuntime runtime = LocalRuntime.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            runtime.close();
                            stopped.countDown();
                        },
                        "local-runtime-stop"));
        LocalAdmin.printWelcome(runtime);
        stopped.await();
    }
}
