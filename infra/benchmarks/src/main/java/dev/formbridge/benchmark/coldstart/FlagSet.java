package dev.formbridge.benchmark.coldstart;

import java.util.List;

/** The JVM flag sets compared; the archives are trained once per function and jar before measuring. */
enum FlagSet {
    DEFAULTS("defaults", List.of()),
    DEPLOY("deploy", ColdStartRun.DEPLOY_FLAGS),
    APPCDS("+AppCDS", ColdStartRun.DEPLOY_FLAGS),
    // the AOT cache refuses any -Xshare option
    AOT_CACHE(
            "+AOT cache",
            ColdStartRun.DEPLOY_FLAGS.stream()
                    .filter(f -> !f.startsWith("-Xshare"))
                    .toList());

    final String label;
    final List<String> flags;

    FlagSet(String label, List<String> flags) {
        this.label = label;
        this.flags = flags;
    }
}
