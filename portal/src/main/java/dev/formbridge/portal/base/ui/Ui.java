package dev.formbridge.portal.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.clipboard.Clipboard;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.formbridge.UserFacing;
import dev.formbridge.storage.ConcurrentModificationException;
import dev.formbridge.storage.StorageUnavailableException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small UI pieces every feature uses: page frame, empty states, copy buttons, confirmations and error messages. */
public final class Ui {
    private static final Logger log = LoggerFactory.getLogger(Ui.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Ui() {}

    /** A page with a heading; views add their content to it. */
    public static VerticalLayout page(String heading, Component... content) {
        VerticalLayout page = new VerticalLayout(new H2(heading));
        page.addClassName("fb-page");
        page.add(content);
        return page;
    }

    /** An empty state that says what to do next. */
    public static Div emptyState(String message, Component action) {
        Div empty = new Div(new Paragraph(message));
        empty.addClassName("fb-empty");
        if (action != null) {
            empty.add(action);
        }
        return empty;
    }

    public static Button primary(String label, Runnable action) {
        Button button = new Button(label, click -> run(action));
        button.addThemeVariants(ButtonVariant.PRIMARY);
        return button;
    }

    public static Button button(String label, Runnable action) {
        return new Button(label, click -> run(action));
    }

    /** A button that copies {@code text} to the clipboard (the text is also visible, for browsers that refuse). */
    public static Button copyButton(String label, String text) {
        Button copy = new Button(label, VaadinIcon.COPY.create());
        copy.addThemeVariants(ButtonVariant.TERTIARY);
        Clipboard.onClick(copy).writeText(text);
        copy.addClickListener(click -> success("Copied to the clipboard."));
        return copy;
    }

    /** Asks before a destructive action. */
    public static void confirm(String header, String text, String confirmLabel, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog(header, text, confirmLabel, event -> run(action));
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    /** Runs a user action and turns a refusal into a message instead of an error page. */
    public static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            error(messageFor(e));
        }
    }

    /**
     * What to tell the user about a failed action: the message of a refusal written for them ({@link UserFacing}: a
     * permission, an invitation, a state conflict, not found, an outbound URL refused; and invalid input), a fixed text
     * for a concurrent change or an outage, and for anything else (a bug) a generic text, with the cause logged.
     */
    public static String messageFor(RuntimeException e) {
        return switch (e) {
            case IllegalArgumentException refused -> refused.getMessage();
            case RuntimeException refused when refused instanceof UserFacing -> refused.getMessage();
            case NoSuchElementException notFound -> "Not found.";
            case ConcurrentModificationException changed ->
                "Someone else changed this at the same time. Reload and try again.";
            case StorageUnavailableException unavailable -> "Storage is unavailable right now. Try again in a moment.";
            default -> {
                log.error("unexpected failure of a user action", e);
                yield "Something went wrong. Try again; if it persists, contact support.";
            }
        };
    }

    /**
     * Tells the user that a change was made but its audit event could not be written (it is in the portal's log for
     * the operators), so they do not repeat it.
     */
    public static void warnIfNotAudited(boolean auditWritten) {
        if (!auditWritten) {
            error("Done, but the audit log entry for it could not be written; the operators were alerted. Do not "
                    + "repeat it.");
        }
    }

    public static void success(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.SUCCESS);
    }

    public static void error(String message) {
        Notification notification = Notification.show(message, 6000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.ERROR);
    }

    public static String time(Instant at) {
        return at == null ? "never" : TIME.format(at);
    }
}
