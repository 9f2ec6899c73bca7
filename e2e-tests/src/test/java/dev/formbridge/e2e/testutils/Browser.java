package dev.formbridge.e2e.testutils;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Headless Chromium driven by Playwright. The browser is Debian's {@code chromium} from the PATH, not one Playwright
 * downloads (the registries here have no Playwright browser builds). Launch one per test class and take a
 * {@link #newContext()} per test: contexts share nothing, so every test starts signed out.
 */
public final class Browser implements AutoCloseable {
    private static final List<String> CHROMIUM_ARGS = List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync");
    private static final double TIMEOUT_MS = 30_000;

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    /** Starts Playwright's driver and Chromium. */
    public static Browser launch() {
        Path executable = chromiumOnPath()
                .orElseThrow(() -> new IllegalStateException(
                        "No 'chromium' on the PATH: install Debian's chromium: apt-get install chromium"));
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Browser(
                    playwright,
                    playwright
                            .chromium()
                            .launch(new BrowserType.LaunchOptions()
                                    .setExecutablePath(executable)
                                    .setHeadless(true)
                                    .setArgs(CHROMIUM_ARGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh context (no cookies, no storage) with a desktop viewport; close it at the end of the test. */
    public BrowserContext newContext() {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1280, 800)
                .setLocale("en-GB"));
        // two shared cores: the first Vaadin page of a fresh portal can take a while
        context.setDefaultTimeout(TIMEOUT_MS);
        context.setDefaultNavigationTimeout(TIMEOUT_MS);
        return context;
    }

    /**
     * Saves a full-page screenshot as {@code <name>.png} in the screenshots folder ({@code formbridge.screenshots.dir},
     * the docs' pictures) and returns its path.
     */
    public static Path screenshot(Page page, String name) {
        Path file = Path.of(System.getProperty("formbridge.screenshots.dir", "target/screenshots"), name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            playwright.close();
        }
    }

    private static Optional<Path> chromiumOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "chromium"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
