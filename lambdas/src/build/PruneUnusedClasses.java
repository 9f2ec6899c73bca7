import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Drops the classes of a shaded Lambda jar that nothing in it can reach, in the packages its rules file names, and
 * writes the jar back at the highest compression level.
 *
 * <p>An AWS SDK service client names every operation of its service, so a class-level shrinker keeps the request,
 * response, shape and marshaller classes of all of them (about 1,300 for DynamoDB). Two rules change that:
 * <ul>
 *   <li>{@code trim <class glob>}: in these classes (the service client interface and its default implementation),
 *       a method whose signature names a class of a {@code prune} package is removed unless some other class of the
 *       jar, or a kept method of a trimmed class, calls it. The method goes from the interface and its
 *       implementation alike; a call to it would fail with {@code NoSuchMethodError}, and no class left in the jar
 *       makes one.</li>
 *   <li>{@code prune <class glob>}: such a class stays only if a kept class refers to it; references are read from
 *       each kept class's constant pool (every class name and descriptor in it, and class names in strings, for
 *       reflection), and for trimmed classes from their kept methods' code, stack maps and catch types.</li>
 * </ul>
 * Globs are over internal class names: {@code *} within one package level, {@code **} across levels. The build fails
 * when a rule matches nothing, and the closure is checked again after pruning. {@code ShadedJarsIT} links every kept
 * class of a pruned package and every trimmed client in a fresh JVM, and runs each function.
 *
 * <p>Usage (run by {@code lambdas/pom.xml} after the shade executions): {@code java PruneUnusedClasses.java <rules>
 * <jar>[=<entry point glob>,…]…}. Entry points (the handlers: nothing in the jar names them) are kept whole.
 */
public final class PruneUnusedClasses {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$/.]*");
    private static final Pattern DESCRIPTOR = Pattern.compile("L([A-Za-z_$][A-Za-z0-9_$/]*)[;<]");
    private static final String LOG4J_PLUGINS = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";

    private final List<PathMatcher> prune = new ArrayList<>();
    private final List<PathMatcher> trim = new ArrayList<>();
    private final Map<PathMatcher, String> ruleText = new HashMap<>();

    private PruneUnusedClasses() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java PruneUnusedClasses.java <rules file> <jar>[=<entry point glob>,...]...");
            System.exit(2);
        }
        PruneUnusedClasses pruner = new PruneUnusedClasses();
        pruner.readRules(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            String[] jarAndRoots = args[i].split("=", 2);
            List<PathMatcher> roots = new ArrayList<>();
            if (jarAndRoots.length == 2) {
                for (String root : jarAndRoots[1].split(",")) {
                    roots.add(glob(root));
                }
            }
            pruner.prune(Path.of(jarAndRoots[0]), roots);
        }
    }

    private void readRules(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            if (parts.length != 2 || !(parts[0].equals("prune") || parts[0].equals("trim"))) {
                throw new IllegalArgumentException(file + ": expected 'prune <glob>' or 'trim <glob>', got: " + line);
            }
            PathMatcher rule = glob(parts[1]);
            (parts[0].equals("prune") ? prune : trim).add(rule);
            ruleText.put(rule, text);
        }
    }

    /** The JDK's glob over internal class names: {@code *} within one package level, {@code **} across levels. */
    private static PathMatcher glob(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    private static boolean matches(List<PathMatcher> globs, String name) {
        Path path = Path.of(name);
        return globs.stream().anyMatch(glob -> glob.matches(path));
    }

    private void prune(Path jar, List<PathMatcher> roots) throws IOException {
        Map<String, byte[]> entries = read(jar);
        Map<String, ClassModel> classes = new HashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            // META-INF/versions/… classes are read too: roots, never pruned (the globs cannot match them)
            if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                classes.put(name.substring(0, name.length() - 6), ClassFile.of().parse(e.getValue()));
            }
        }
        Set<String> prunable = new HashSet<>();
        Set<String> trimmed = new HashSet<>();
        for (String name : classes.keySet()) {
            if (matches(roots, name)) {
                continue; // an entry point: kept whole, like every class outside the pruned packages
            }
            if (matches(prune, name)) {
                prunable.add(name);
            } else if (matches(trim, name)) {
                trimmed.add(name);
            }
        }
        for (Map.Entry<PathMatcher, String> rule : ruleText.entrySet()) {
            if (classes.keySet().stream().noneMatch(name -> rule.getKey().matches(Path.of(name)))) {
                throw new IllegalStateException(jar + ": the rule '" + rule.getValue() + "' matches no class");
            }
        }

        // What each untrimmed class refers to and which members it uses (name and descriptor), read once.
        Map<String, Set<String>> refsOf = new HashMap<>();
        Map<String, Set<String>> callsOf = new HashMap<>();
        for (Map.Entry<String, ClassModel> c : classes.entrySet()) {
            if (trimmed.contains(c.getKey())) {
                continue;
            }
            refsOf.put(c.getKey(), references(c.getValue()));
            Set<String> calls = new HashSet<>();
            for (PoolEntry entry : c.getValue().constantPool()) {
                // whatever the owner: a call through a subtype the rules do not trim still counts
                if (entry instanceof MemberRefEntry ref) {
                    calls.add(ref.name().stringValue() + ref.type().stringValue());
                }
            }
            callsOf.put(c.getKey(), calls);
        }
        Set<String> resourceRefs = new HashSet<>(); // class names in service files, Log4j's plugin cache, properties
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().endsWith(".class") && !e.getKey().endsWith("/")) {
                resourceRefs.addAll(tokens(new String(e.getValue(), StandardCharsets.ISO_8859_1)));
            }
        }
        Set<String> plugins = entries.containsKey(LOG4J_PLUGINS)
                ? log4jPluginClasses(entries.get(LOG4J_PLUGINS))
                : Set.of();
        resourceRefs.addAll(plugins);

        // Which trimmed-class methods are called depends on which classes are reached, and the other way round:
        // iterate until neither grows.
        Set<String> called = new HashSet<>(); // name + descriptor
        Map<String, List<MethodModel>> keptMethods = new HashMap<>(); // by the trimmed class's name
        // what a kept class refers to: a trimmed class only through the methods it keeps so far
        Function<String, Set<String>> refs = name -> trimmed.contains(name)
                ? references(classes.get(name), keptMethods.get(name))
                : refsOf.get(name);
        Set<String> reached = new HashSet<>();
        for (boolean changed = true; changed; ) {
            int calledBefore = called.size();
            Set<String> reachedBefore = reached;
            for (String name : classes.keySet()) {
                if (!prunable.contains(name) && !trimmed.contains(name) || reached.contains(name)) {
                    called.addAll(callsOf.get(name));
                }
            }
            // kept methods of trimmed classes may call further ones (a default method calls the one it wraps)
            for (boolean grew = true; grew; ) {
                grew = false;
                for (String name : trimmed) {
                    List<MethodModel> kept = new ArrayList<>();
                    for (MethodModel m : classes.get(name).methods()) {
                        if (!isOperation(m, prunable) || called.contains(key(m))) {
                            kept.add(m);
                            for (String callee : callsIn(m)) {
                                grew |= called.add(callee);
                            }
                        }
                    }
                    keptMethods.put(name, kept);
                }
            }
            reached = reach(classes.keySet(), prunable, refs, resourceRefs);
            changed = called.size() != calledBefore || !reached.equals(reachedBefore);
        }

        // Rewrite: trimmed classes without their uncalled operations, unreached prunable classes left out.
        Map<String, byte[]> out = new LinkedHashMap<>();
        int removedMethods = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            String className = name.endsWith(".class") ? name.substring(0, name.length() - 6) : null;
            if (className != null && prunable.contains(className) && !reached.contains(className)) {
                continue;
            }
            if (className != null && trimmed.contains(className)) {
                Set<String> kept = new HashSet<>();
                keptMethods.get(className).forEach(m -> kept.add(key(m)));
                ClassModel model = classes.get(className);
                removedMethods += model.methods().size() - kept.size();
                out.put(
                        name,
                        ClassFile.of().transformClass(model, (builder, element) -> {
                            if (!(element instanceof MethodModel m) || kept.contains(key(m))) {
                                builder.with(element);
                            }
                        }));
            } else {
                out.put(name, e.getValue());
            }
        }
        checkClosure(jar, out, classes, prunable, trimmed, keptMethods, refs, callsOf, plugins);
        long before = Files.size(jar);
        write(jar, out);
        System.out.printf(
                "%s: kept %d of %d classes in pruned packages, removed %d uncalled operation methods; %.1f MB -> %.1f MB%n",
                jar.getFileName(),
                reached.size(),
                prunable.size(),
                removedMethods,
                before / 1e6,
                Files.size(jar) / 1e6);
    }

    /** The prunable classes that kept classes, kept methods of trimmed classes and resources reach. */
    private static Set<String> reach(
            Set<String> classes, Set<String> prunable, Function<String, Set<String>> refs, Set<String> resourceRefs) {
        Set<String> reached = new HashSet<>();
        Deque<String> work = new ArrayDeque<>();
        Consumer<Set<String>> follow = names -> {
            for (String name : names) {
                if (prunable.contains(name) && reached.add(name)) {
                    work.add(name);
                }
            }
        };
        follow.accept(resourceRefs);
        for (String name : classes) {
            if (!prunable.contains(name)) {
                follow.accept(refs.apply(name));
            }
        }
        while (!work.isEmpty()) {
            follow.accept(refs.apply(work.poll()));
        }
        return reached;
    }

    /** A method whose signature names a prunable class: an operation of a service client. */
    private static boolean isOperation(MethodModel m, Set<String> prunable) {
        Set<String> names = new HashSet<>();
        addDescriptor(m.methodTypeSymbol(), names);
        for (String n : names) {
            if (prunable.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static String key(MethodModel m) {
        return m.methodName().stringValue() + m.methodType().stringValue();
    }

    /** The methods (name and descriptor) a method's code calls or takes a handle of, whatever their owner. */
    private static Set<String> callsIn(MethodModel m) {
        Set<String> callees = new HashSet<>();
        m.code().ifPresent(code -> {
            for (CodeElement e : code) {
                if (e instanceof InvokeInstruction i) {
                    callees.add(i.name().stringValue() + i.type().stringValue());
                } else if (e instanceof InvokeDynamicInstruction d) {
                    for (ConstantDesc arg : d.bootstrapArgs()) {
                        if (arg instanceof DirectMethodHandleDesc h) {
                            callees.add(h.methodName() + h.lookupDescriptor());
                        }
                    }
                }
            }
        });
        return callees;
    }

    /** Every class a class file can name: class entries, descriptors, signatures, and class names in strings. */
    private static Set<String> references(ClassModel model) {
        Set<String> refs = new HashSet<>();
        for (PoolEntry entry : model.constantPool()) {
            if (entry instanceof Utf8Entry utf8) {
                refs.addAll(tokens(utf8.stringValue()));
            }
        }
        return refs;
    }

    /**
     * What may name a class in a text: internal and binary names, and the classes of descriptors and signatures
     * ({@code (ILname;)V}). Each name also counts without its first character, for binary files where a length byte
     * that happens to be a letter runs into the name. Naming a class that does not exist costs nothing.
     */
    private static Set<String> tokens(String text) {
        Set<String> tokens = new HashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            String token = m.group().replace('.', '/');
            tokens.add(token);
            tokens.add(token.substring(1));
        }
        Matcher d = DESCRIPTOR.matcher(text);
        while (d.find()) {
            tokens.add(d.group(1));
        }
        return tokens;
    }

    /** The classes Log4j's plugin cache names, read in its own format (PluginCache.writeCache). */
    private static Set<String> log4jPluginClasses(byte[] cache) throws IOException {
        Set<String> classes = new HashSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(cache))) {
            for (int categories = in.readInt(); categories > 0; categories--) {
                in.readUTF(); // category
                for (int plugins = in.readInt(); plugins > 0; plugins--) {
                    in.readUTF(); // key
                    classes.add(in.readUTF().replace('.', '/'));
                    in.readUTF(); // name
                    in.readBoolean(); // printable
                    in.readBoolean(); // defer
                }
            }
        }
        return classes;
    }

    /** What a trimmed class refers to with only {@code kept} of its methods: exactly what its kept code can load. */
    private static Set<String> references(ClassModel model, List<MethodModel> kept) {
        Set<String> refs = new HashSet<>();
        model.superclass().ifPresent(s -> refs.add(s.asInternalName()));
        model.interfaces().forEach(i -> refs.add(i.asInternalName()));
        model.findAttribute(Attributes.nestMembers())
                .ifPresent(n -> n.nestMembers().forEach(c -> refs.add(c.asInternalName())));
        model.findAttribute(Attributes.nestHost()).ifPresent(n -> refs.add(n.nestHost().asInternalName()));
        for (FieldModel f : model.fields()) {
            addDescriptor(f.fieldTypeSymbol(), refs);
        }
        for (MethodModel m : kept) {
            addDescriptor(m.methodTypeSymbol(), refs);
            m.code().ifPresent(code -> {
                for (CodeElement e : code) {
                    switch (e) {
                        case FieldInstruction f -> {
                            refs.add(f.owner().asInternalName());
                            addDescriptor(f.typeSymbol(), refs);
                        }
                        case InvokeInstruction i -> {
                            refs.add(i.owner().asInternalName());
                            addDescriptor(i.typeSymbol(), refs);
                        }
                        case InvokeDynamicInstruction d -> {
                            addDescriptor(d.typeSymbol(), refs);
                            addConstant(d.bootstrapMethod(), refs);
                            d.bootstrapArgs().forEach(arg -> addConstant(arg, refs));
                        }
                        case NewObjectInstruction n -> refs.add(n.className().asInternalName());
                        case TypeCheckInstruction t -> addDescriptor(t.type().asSymbol(), refs);
                        case NewReferenceArrayInstruction a -> addDescriptor(a.componentType().asSymbol(), refs);
                        case NewMultiArrayInstruction a -> addDescriptor(a.arrayType().asSymbol(), refs);
                        case ConstantInstruction.LoadConstantInstruction c -> addConstant(c.constantValue(), refs);
                        case ExceptionCatch c -> c.catchType().ifPresent(t -> refs.add(t.asInternalName()));
                        default -> {}
                    }
                }
                code.findAttribute(Attributes.stackMapTable()).ifPresent(table -> {
                    for (StackMapFrameInfo frame : table.entries()) {
                        addFrameTypes(frame.locals(), refs);
                        addFrameTypes(frame.stack(), refs);
                    }
                });
            });
        }
        return refs;
    }

    private static void addFrameTypes(List<StackMapFrameInfo.VerificationTypeInfo> types, Set<String> refs) {
        for (StackMapFrameInfo.VerificationTypeInfo type : types) {
            if (type instanceof StackMapFrameInfo.ObjectVerificationTypeInfo object) {
                addDescriptor(object.classSymbol(), refs);
            }
        }
    }

    private static void addConstant(ConstantDesc constant, Set<String> refs) {
        switch (constant) {
            case ClassDesc c -> addDescriptor(c, refs);
            case MethodTypeDesc t -> addDescriptor(t, refs);
            case DirectMethodHandleDesc h -> {
                refs.add(internalName(h.owner()));
                addDescriptor(h.invocationType(), refs);
            }
            default -> {}
        }
    }

    private static void addDescriptor(MethodTypeDesc type, Set<String> refs) {
        addDescriptor(type.returnType(), refs);
        type.parameterList().forEach(p -> addDescriptor(p, refs));
    }

    private static void addDescriptor(ClassDesc type, Set<String> refs) {
        ClassDesc element = type;
        while (element.isArray()) {
            element = element.componentType();
        }
        if (element.isClassOrInterface()) {
            refs.add(internalName(element));
        }
    }

    private static String internalName(ClassDesc type) {
        String descriptor = type.descriptorString();
        return descriptor.substring(1, descriptor.length() - 1);
    }

    /**
     * Checks what was computed, against the jar as written: every prunable class a kept class refers to is still in
     * it, so is every class Log4j's plugin cache names, and no kept code calls a removed method.
     */
    private static void checkClosure(
            Path jar,
            Map<String, byte[]> out,
            Map<String, ClassModel> classes,
            Set<String> prunable,
            Set<String> trimmed,
            Map<String, List<MethodModel>> keptMethods,
            Function<String, Set<String>> refs,
            Map<String, Set<String>> callsOf,
            Set<String> plugins) {
        Set<String> removed = new HashSet<>();
        for (String name : trimmed) {
            classes.get(name).methods().forEach(m -> removed.add(key(m)));
        }
        keptMethods.values().forEach(kept -> kept.forEach(m -> removed.remove(key(m))));
        for (String className : classes.keySet()) {
            if (!out.containsKey(className + ".class")) {
                continue;
            }
            Set<String> calls = new HashSet<>();
            if (trimmed.contains(className)) {
                keptMethods.get(className).forEach(m -> calls.addAll(callsIn(m)));
            } else {
                calls.addAll(callsOf.get(className));
            }
            for (String ref : refs.apply(className)) {
                if (prunable.contains(ref) && !out.containsKey(ref + ".class")) {
                    throw new IllegalStateException(jar + ": " + className + " refers to pruned " + ref);
                }
            }
            calls.retainAll(removed);
            if (!calls.isEmpty()) {
                throw new IllegalStateException(jar + ": " + className + " calls removed " + calls);
            }
        }
        for (String plugin : plugins) {
            if (classes.containsKey(plugin) && !out.containsKey(plugin + ".class")) {
                throw new IllegalStateException(jar + ": Log4j plugin " + plugin + " was pruned");
            }
        }
    }

    private final Map<String, Long> times = new HashMap<>();

    private Map<String, byte[]> read(Path jar) throws IOException {
        times.clear();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(jar);
                ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), zip.readAllBytes());
                times.put(e.getName(), e.getTime());
            }
        }
        return entries;
    }

    private void write(Path jar, Map<String, byte[]> entries) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
            writeEntries(zip, entries);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private void writeEntries(ZipOutputStream zip, Map<String, byte[]> entries) throws IOException {
        zip.setLevel(9);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().endsWith("/")) {
                continue; // directory entries: class loading never needs them
            }
            ZipEntry entry = new ZipEntry(e.getKey());
            entry.setTime(times.get(e.getKey()));
            zip.putNextEntry(entry);
            zip.write(e.getValue());
            zip.closeEntry();
        }
    }
}
