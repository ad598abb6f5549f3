package dev.bounded.xml.internal.tokenizer;

import java.util.Arrays;

/**
 * A name as the document spells it, kept by {@link NameTable}: its UTF-8 bytes (the key), its
 * length in UTF-16 units, and its qualified, prefix and local parts as strings.
 */
final class Name {
  final byte[] bytes;
  final int hash;
  final String qname;

  /** The prefix before the colon, or null (always null when namespaces are off). */
  final String prefix;

  /** The part after the colon, or the whole name. */
  final String local;

  /** Length in UTF-16 code units. */
  final int units;

  /**
   * True for {@code xmlns} and {@code xmlns:*}: a namespace declaration, counted against
   * maxNamespaces whether or not the parse is namespace-aware.
   */
  final boolean declaresNamespace;

  Name(byte[] bytes, int hash, String qname, boolean namespaces) {
    this.bytes = bytes;
    this.hash = hash;
    this.qname = qname;
    this.units = qname.length();
    int colon = namespaces ? qname.indexOf(':') : -1;
    this.prefix = colon < 0 ? null : qname.substring(0, colon);
    this.local = colon < 0 ? qname : qname.substring(colon + 1);
    this.declaresNamespace = qname.equals("xmlns") || qname.startsWith("xmlns:");
  }

  boolean matches(byte[] b, int off, int len) {
    return len == bytes.length && Arrays.equals(bytes, 0, len, b, off, off + len);
  }
}
