package dev.formbridge.benchmark;

import dev.formbridge.benchmark.coldstart.ColdStartRun;
import dev.formbridge.benchmark.delivery.DeliveryRun;
import dev.formbridge.benchmark.jmh.JmhRun;
import dev.formbridge.benchmark.throughput.ThroughputRun;
import dev.formbridge.testutils.BenchmarkDoc;
import java.nio.file.Path;
import java.util.Arrays;

/** {@code benchmarks.jar jmh|coldstart|throughput|delivery --doc docs/benchmarks.md [options]}: runs one benchmark. */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        Path doc = options.path("doc", Path.of("docs/benchmarks.md"));
        String section = switch (args[0]) {
            case "jmh" -> JmhRun.run(options);
            case "coldstart" -> ColdStartRun.run(options);
            case "throughput" -> ThroughputRun.run(options);
            case "delivery" -> DeliveryRun.run(options);
            default -> {
                usage();
                yield "";
            }
        };
        BenchmarkDoc.write(doc, args[0], section);
        System.out.println(section);
        System.exit(0); // dynalite and moto stop with their shutdown hooks
    }

    private static void usage() {
        System.err.println(
                "usage: benchmarks.jar jmh|coldstart|throughput|delivery [--doc docs/benchmarks.md] [options]");
        System.exit(2);
    }
}
