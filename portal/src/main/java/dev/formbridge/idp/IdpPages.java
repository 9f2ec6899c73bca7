package dev.formbridge.idp;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The provider's two pages: sign in and sign up (plain HTML with labelled fields; no script). */
@RestController
class IdpPages {
    private static final String CSS = """
            body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;display:flex;justify-content:center}
            main{background:#fff;margin-top:8vh;padding:2rem 2.5rem;border-radius:12px;width:min(22rem,90vw);
              box-shadow:0 2px 12px rgba(0,0,0,.08)}
            h1{font-size:1.4rem;margin:0 0 1.2rem} label{display:block;margin:.8rem 0 .3rem;font-weight:600}
            input{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #bbb;border-radius:6px;font-size:1rem}
            button{margin-top:1.2rem;width:100%;padding:.7rem;border:0;border-radius:6px;background:#1a56db;color:#fff;
              font-size:1rem;cursor:pointer} p.error{color:#b00020} p.info{color:#0b6b2e} nav{margin-top:1rem}
            """;

    private final LocalUserStore users;

    IdpPages(LocalUserStore users) {
        this.users = users;
    }

    @GetMapping(value = "/idp.css", produces = "text/css")
    String css() {
        return CSS;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    String login(HttpServletRequest request) {
        String message = "";
        if (request.getParameter("error") != null) {
            message = "<p class=\"error\" role=\"alert\">Wrong e-mail or password.</p>";
        } else if (request.getParameter("throttled") != null) {
            message = "<p class=\"error\" role=\"alert\">Too many failed sign-ins. Wait 15 minutes and try again.</p>";
        } else if (request.getParameter("signedUp") != null) {
            message = "<p class=\"info\" role=\"status\">Account created. Sign in now.</p>";
        } else if (request.getParameter("logout") != null) {
            message = "<p class=\"info\" role=\"status\">You are signed out.</p>";
        }
        return page(
                "Sign in to Form-Bridge",
                message + form("/login", request, "current-password", "Sign in")
                        + "<nav>New here? <a href=\"/signup\">Create an account</a></nav>");
    }

    @GetMapping(value = "/signup", produces = MediaType.TEXT_HTML_VALUE)
    String signUpForm(HttpServletRequest request) {
        return signUpPage(request, "");
    }

    @PostMapping(value = "/signup", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> signUp(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password) {
        String refusal = users.signUp(email, password);
        if (refusal != null) {
            String message = "<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(refusal) + "</p>";
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML).body(signUpPage(request, message));
        }
        return ResponseEntity.status(303).header("Location", "/login?signedUp").build();
    }

    private String signUpPage(HttpServletRequest request, String message) {
        return page(
                "Create your Form-Bridge account",
                message + form("/signup", request, "new-password", "Create account")
                        + "<p>At least " + LocalUserStore.MIN_PASSWORD_LENGTH + " characters.</p>"
                        + "<nav>Have an account? <a href=\"/login\">Sign in</a></nav>");
    }

    private static String form(String action, HttpServletRequest request, String passwordKind, String button) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String token = csrf == null
                ? ""
                : "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\""
                        + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
        return "<form method=\"post\" action=\"" + action + "\">" + token
                + "<label for=\"email\">E-mail</label>"
                + "<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required autofocus>"
                + "<label for=\"password\">Password</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"" + passwordKind
                + "\" required>"
                + "<button type=\"submit\">" + button + "</button></form>";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + "</title><link rel=\"stylesheet\" href=\"/idp.css\"></head>"
                + "<body><main><h1>" + title + "</h1>" + body + "</main></body></html>";
    }
}
