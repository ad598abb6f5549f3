package dev.bounded.rss;

import java.util.Objects;

/**
 * An author, contributor or publisher: Atom's person construct, or an RSS/Dublin Core/iTunes name
 * (whose {@code "email (Name)"} form is split). Immutable; at least one part is non-null.
 */
public final class FeedPerson {
  private final String name;
  private final String email;
  private final String uri;

  /**
   * @param name the name, or null
   * @param email the e-mail address, or null
   * @param uri the home page (resolved against the base in scope), or null
   */
  public FeedPerson(String name, String email, String uri) {
    this.name = name;
    this.email = email;
    this.uri = uri;
  }

  /** The name, or null. */
  public String name() {
    return name;
  }

  /** The e-mail address, or null. */
  public String email() {
    return email;
  }

  /** The home page address, or null. */
  public String uri() {
    return uri;
  }

  /** As feed readers show a person: {@code "Name (email)"}, the name, or the e-mail address. */
  public String display() {
    if (name != null && email != null) {
      return name + " (" + email + ")";
    }
    return name != null ? name : email != null ? email : uri;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeedPerson)) {
      return false;
    }
    FeedPerson x = (FeedPerson) o;
    return Objects.equals(name, x.name)
        && Objects.equals(email, x.email)
        && Objects.equals(uri, x.uri);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, email, uri);
  }

  @Override
  public String toString() {
    return "FeedPerson{" + display() + (uri != null ? ", uri=" + uri : "") + '}';
  }
}
