package org.camelmm7.mm7;

import java.util.ArrayList;
import java.util.List;

/** The {@code Recipients} element: To, Cc and Bcc address lists. */
public record Mm7Recipients(List<Mm7Address> to, List<Mm7Address> cc, List<Mm7Address> bcc) {

    public static final Mm7Recipients NONE = new Mm7Recipients(List.of(), List.of(), List.of());

    public Mm7Recipients {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    public static Mm7Recipients to(Mm7Address... addresses) {
        return new Mm7Recipients(List.of(addresses), List.of(), List.of());
    }

    public boolean isEmpty() {
        return to.isEmpty() && cc.isEmpty() && bcc.isEmpty();
    }

    public List<Mm7Address> all() {
        List<Mm7Address> all = new ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }
}
