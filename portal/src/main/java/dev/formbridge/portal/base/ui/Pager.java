package dev.formbridge.portal.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.formbridge.storage.Page;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * "Previous page" and "Next page" over a cursor-paged listing: remembers the cursors of the pages before, so going
 * back needs no offset (the listings are index queries and have none).
 */
public final class Pager<T> extends HorizontalLayout {
    private final Function<String, Page<T>> load;
    private final Consumer<Page<T>> show;
    private final Deque<String> before = new ArrayDeque<>();
    private final Button previous = new Button("Previous page", click -> showPrevious());
    private final Button next = new Button("Next page", click -> showNext());
    private String current;
    private String following;

    /** {@code load} reads the page at a cursor ({@code null}: the first); {@code show} puts it on screen. */
    public Pager(Function<String, Page<T>> load, Consumer<Page<T>> show) {
        this.load = load;
        this.show = show;
        add(previous, next);
    }

    /** Shows the first page (after the filters changed). */
    public void first() {
        before.clear();
        go(null);
    }

    private void showNext() {
        before.push(current == null ? "" : current);
        go(following);
    }

    private void showPrevious() {
        if (!before.isEmpty()) {
            String back = before.pop();
            go(back.isEmpty() ? null : back);
        }
    }

    private void go(String cursor) {
        Page<T> page = load.apply(cursor);
        current = cursor;
        following = page.nextCursor();
        show.accept(page);
        next.setEnabled(page.hasNext());
        previous.setEnabled(!before.isEmpty());
    }

    /** Whether the page on screen is the first one. */
    public boolean onFirstPage() {
        return current == null;
    }
}
