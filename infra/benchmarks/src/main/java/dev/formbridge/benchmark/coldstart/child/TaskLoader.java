package dev.formbridge.benchmark.coldstart.child;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code TaskLoader <task dir> <main class> <args>…}: starts a child the way the Lambda Java runtime starts a function.
 * Lambda extracts the deployment package into {@code /var/task} and its runtime client loads the handler from there
 * through its own {@link URLClassLoader} (the client's {@code CustomerClassLoader}), made the thread's context loader;
 * the JVM's class path holds only the runtime's jars. Here the JVM's class path holds only the child jar (this class
 * and the other children), never the function, and the task directory holds the extracted function jar with copies of
 * the child classes. The loader's parent is the platform loader, so the children on the class path never shadow the
 * task directory's copies, which are the ones that can see the function.
 */
public final class TaskLoader {
    private TaskLoader() {}

    public static void main(String[] args) throws Throwable {
        URL task = Path.of(args[0]).toUri().toURL();
        ClassLoader loader = new URLClassLoader("task", new URL[] {task}, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> main = Class.forName(args[1], true, loader);
        try {
            main.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
