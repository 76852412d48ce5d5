package org.camelmm7.mm7;

import java.util.ArrayList;
import java.util.List;

/**
 * An element of a SOAP part as {@link SoapDocuments} reads it: its names, attributes, child
 * elements and text, and nothing a reader of MM7 does not look at. Built once, never changed.
 * (The JDK's DOM cost twice as much per delivery report as this tree built by Woodstox; profiled.)
 */
final class XmlElement {

    private final String namespaceUri;
    private final String localName;
    private final String qualifiedName;
    /** Local names and values, alternating, as the element spells them. */
    private final String[] attributes;
    /** Child elements and text, in document order. */
    private final List<Object> content = new ArrayList<>(4);

    XmlElement(String namespaceUri, String localName, String prefix, String[] attributes) {
        this.namespaceUri = namespaceUri == null || namespaceUri.isEmpty() ? null : namespaceUri;
        this.localName = localName;
        this.qualifiedName = prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName;
        this.attributes = attributes;
    }

    void add(XmlElement child) {
        content.add(child);
    }

    void add(String text) {
        content.add(text);
    }

    /** The namespace, or null for none. */
    String namespaceUri() {
        return namespaceUri;
    }

    String localName() {
        return localName;
    }

    /** The name with its prefix, as written. */
    String qualifiedName() {
        return qualifiedName;
    }

    /** An attribute by its local name, whatever its prefix or case; null when absent. */
    String attribute(String name) {
        for (int i = 0; i < attributes.length; i += 2) {
            if (name.equalsIgnoreCase(attributes[i])) {
                return attributes[i + 1];
            }
        }
        return null;
    }

    /** The first child element of that local name (any, for null). */
    XmlElement firstChild(String name) {
        for (Object o : content) {
            if (o instanceof XmlElement e && (name == null || name.equals(e.localName))) {
                return e;
            }
        }
        return null;
    }

    /** The first element of that local name below this one, depth first. */
    XmlElement firstDescendant(String name) {
        for (Object o : content) {
            if (o instanceof XmlElement e) {
                if (name.equals(e.localName)) {
                    return e;
                }
                XmlElement deeper = e.firstDescendant(name);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    List<XmlElement> children() {
        List<XmlElement> children = new ArrayList<>(content.size());
        for (Object o : content) {
            if (o instanceof XmlElement e) {
                children.add(e);
            }
        }
        return children;
    }

    /** All text inside, this element's and its descendants', in document order (DOM's text content). */
    String text() {
        if (content.size() == 1 && content.get(0) instanceof String only) {
            return only;
        }
        StringBuilder text = new StringBuilder();
        appendText(text);
        return text.toString();
    }

    private void appendText(StringBuilder text) {
        for (Object o : content) {
            if (o instanceof String s) {
                text.append(s);
            } else {
                ((XmlElement) o).appendText(text);
            }
        }
    }
}
