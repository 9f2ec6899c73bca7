package dev.formbridge.benchmark.coldstart.child;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * {@code LinkAll <jar> <prefix>…}: loads, verifies and initialises every class of the jar whose name starts with one of
 * the prefixes (internal names) and with none of the prefixes written {@code !prefix}, and prints {@code LINKED <count>},
 * or each class that fails and exits with 1. Run on a pruned Lambda jar (lambdas/src/build/PruneUnusedClasses.java), it
 * shows that no class left there needs a removed class to load and verify; calls of removed methods and classes named
 * only at run time are the pruning step's own checks, and running the functions ({@code ShadedJarsIT}).
 */
public final class LinkAll {
    private LinkAll() {}

    public static void main(String[] args) throws IOException {
        List<String> failures = new ArrayList<>();
        int linked = 0;
        try (JarFile jar = new JarFile(args[0])) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || !startsWithAny(name, args)) {
                    continue;
                }
                String className = name.substring(0, name.length() - 6).replace('/', '.');
                try {
                    Class.forName(className, true, LinkAll.class.getClassLoader());
                    linked++;
                } catch (LinkageError | ReflectiveOperationException e) {
                    failures.add(className + ": " + e);
                }
            }
        }
        if (!failures.isEmpty()) {
            failures.forEach(System.out::println);
            System.exit(1);
        }
        System.out.println("LINKED " + linked);
        System.exit(0);
    }

    private static boolean startsWithAny(String name, String[] args) {
        boolean included = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("!") && name.startsWith(args[i].substring(1))) {
                return false;
            }
            included |= name.startsWith(args[i]);
        }
        return included;
    }
}
