package dev.formbridge.idp;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The provider's users: e-mail, password hash (bcrypt) and groups, kept in {@code users.properties} under the
 * provider's data folder. Seeds three demo users on first start and prints their logins at every start.
 */
class LocalUserStore implements UserDetailsService {
    private static final Logger log = LoggerFactory.getLogger(LocalUserStore.class);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{2,}$");
    static final int MIN_PASSWORD_LENGTH = 10;

    /** The seeded demo users and their groups. */
    static final Map<String, String> DEMO_USERS = demoUsers();

    private final Path usersFile;
    private final Path demoLoginsFile;
    private final PasswordEncoder encoder;
    private final Properties users = new Properties();

    LocalUserStore(IdpSettings settings, PasswordEncoder encoder) {
        this.usersFile = settings.dataDir().resolve("users.properties");
        this.demoLoginsFile = settings.dataDir().resolve("demo-logins.properties");
        this.encoder = encoder;
        load();
        seedDemoUsers();
    }

    @Override
    public synchronized UserDetails loadUserByUsername(String email) {
        String entry = users.getProperty(normalise(email));
        if (entry == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(normalise(email))
                .password(entry.substring(0, entry.indexOf(';')))
                .authorities("USER")
                .build();
    }

    /** The user's groups (for the ID token). */
    synchronized List<String> groupsOf(String email) {
        String entry = users.getProperty(normalise(email), ";");
        String groups = entry.substring(entry.indexOf(';') + 1);
        return groups.isBlank() ? List.of() : Arrays.asList(groups.split(","));
    }

    /** Registers a new user; returns a message for the sign-up page when the input is refused, else null. */
    synchronized String signUp(String email, String password) {
        String normalised = normalise(email);
        if (!EMAIL.matcher(normalised).matches()) {
            return "Enter a valid e-mail address.";
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 128) {
            return "The password must have " + MIN_PASSWORD_LENGTH + " to 128 characters.";
        }
        if (users.containsKey(normalised)) {
            return "An account with this e-mail exists already. Sign in instead.";
        }
        users.setProperty(normalised, encoder.encode(password) + ";");
        save();
        return null;
    }

    private void seedDemoUsers() {
        Properties logins = read(demoLoginsFile);
        boolean changed = false;
        for (var demo : DEMO_USERS.entrySet()) {
            if (!users.containsKey(demo.getKey()) || !logins.containsKey(demo.getKey())) {
                String password = randomPassword();
                users.setProperty(demo.getKey(), encoder.encode(password) + ";" + demo.getValue());
                logins.setProperty(demo.getKey(), password);
                changed = true;
            }
        }
        if (changed) {
            save();
            write(demoLoginsFile, logins, "demo logins of the local OpenID Connect provider (local use only)");
        }
        logins.forEach((email, password) -> log.info("demo login: {} / {}", email, password));
    }

    private void load() {
        users.putAll(read(usersFile));
    }

    private void save() {
        write(usersFile, users, "users of the local OpenID Connect provider: e-mail = password hash;groups");
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return properties;
    }

    private static void write(Path file, Properties properties, String comment) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary)) {
                properties.store(out, comment);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String normalise(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder("demo-");
        for (int i = 0; i < 14; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    private static Map<String, String> demoUsers() {
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("admin@demo.formbridge.dev", "");
        demo.put("viewer@demo.formbridge.dev", "");
        demo.put("support@demo.formbridge.dev", IdpSettings.SUPPORT_GROUP);
        return demo;
    }
}
