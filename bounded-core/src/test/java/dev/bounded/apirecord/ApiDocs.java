package dev.bounded.apirecord;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Every public or protected element of a module's exported packages has a Javadoc comment: types,
 * constructors, methods (other than {@code @Override}s, which inherit theirs), fields and enum
 * constants, in public types. Read from the sources with javac's own trees (parse only), so it
 * costs a second and needs nothing beyond the JDK. The javadoc tool's doclint ({@code
 * all,-missing}) checks the comments' form when the -javadoc.jar is built; this checks that they
 * exist, without asking for an {@code @param} on every self-explaining parameter (STYLE.md: one
 * line where enough).
 *
 * <p>Test support only (published in bounded-core's test-jar).
 */
public final class ApiDocs {
  private ApiDocs() {}

  /**
   * Fails listing every undocumented API element of the module that holds {@code anyMainClass}.
   *
   * @throws AssertionError naming each element with its file and line
   */
  public static void assertDocumented(Class<?> anyMainClass) throws IOException {
    Path location = ApiRecord.location(anyMainClass);
    Path moduleDir = location.getParent().getParent();
    List<String> missing = undocumented(moduleDir.resolve("src/main/java"), exported(location));
    if (!missing.isEmpty()) {
      throw new AssertionError(
          missing.size()
              + " public API element(s) without a Javadoc comment:\n  "
              + String.join("\n  ", missing));
    }
  }

  private static Set<String> exported(Path location) {
    ModuleDescriptor d =
        ModuleFinder.of(location).findAll().stream()
            .map(ModuleReference::descriptor)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no module at " + location));
    return d.exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
  }

  /** Undocumented API elements in the sources under {@code sourceRoot}, in those packages. */
  static List<String> undocumented(Path sourceRoot, Set<String> packages) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String p : packages) {
      try (Stream<Path> s = Files.list(sourceRoot.resolve(p.replace('.', '/')))) {
        s.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> missing = new ArrayList<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      JavacTask task =
          (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, units);
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        new Scanner(docs, unit, missing).scan(unit, null);
      }
    }
    return missing;
  }

  private static final class Scanner extends TreePathScanner<Void, Void> {
    private final DocTrees docs;
    private final CompilationUnitTree unit;
    private final List<String> missing;

    Scanner(DocTrees docs, CompilationUnitTree unit, List<String> missing) {
      this.docs = docs;
      this.unit = unit;
      this.missing = missing;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      if (!isApi(tree.getModifiers())) {
        return null; // nothing inside a non-API type is API
      }
      check(tree.getSimpleName().toString());
      return super.visitClass(tree, unused);
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
      boolean override =
          tree.getModifiers().getAnnotations().stream()
              .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
      if (isApi(tree.getModifiers()) && !override && !isImplicit(tree)) {
        check(tree.getName() + "()");
      }
      return null; // local classes are not API
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      if (isApi(tree.getModifiers())) {
        check(tree.getName().toString());
      }
      return null;
    }

    private boolean isImplicit(MethodTree tree) {
      // a compact canonical constructor of a record, or a default constructor javac inserted
      return tree.getName().contentEquals("<init>")
          && docs.getSourcePositions().getStartPosition(unit, tree) < 0;
    }

    /** Public or protected, or a member of an interface or annotation, or an enum constant. */
    private boolean isApi(ModifiersTree m) {
      Set<Modifier> flags = m.getFlags();
      if (flags.contains(Modifier.PRIVATE)) {
        return false;
      }
      if (flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)) {
        return true;
      }
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      if (parent instanceof ClassTree) {
        Tree.Kind k = parent.getKind();
        return k == Tree.Kind.INTERFACE
            || k == Tree.Kind.ANNOTATION_TYPE
            || (k == Tree.Kind.ENUM && getCurrentPath().getLeaf() instanceof VariableTree);
      }
      return false;
    }

    private void check(String name) {
      TreePath path = getCurrentPath();
      if (docs.getDocCommentTree(path) == null) {
        long pos = docs.getSourcePositions().getStartPosition(unit, path.getLeaf());
        long line = unit.getLineMap().getLineNumber(pos);
        missing.add(Path.of(unit.getSourceFile().toUri()).getFileName() + ":" + line + " " + name);
      }
    }
  }
}
