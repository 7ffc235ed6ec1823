package org.rtxen.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.rtxen.sched.Schedulers;

/**
 * The module and package rules of docs/architecture.md, checked over the production classes of every module, so
 * that they hold by construction rather than by review. Maven already enforces the module arrows; these rules
 * state what it cannot see.
 */
@AnalyzeClasses(packages = "org.rtxen", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** The libraries that read or write files, parse text formats or make command lines. */
    private static final String[] IO = {"java.io..", "java.nio.file..", "com.fasterxml..", "org.yaml..", "picocli..",
            "javax.xml.."};

    /** No package depends on itself through others: every package can be read and tested bottom-up. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.rtxen.(**)").should().beFreeOfCycles();

    /** Policies, the simulator and the model do no I/O: parsing and printing happen at the edge (io, cli, xenref). */
    @ArchTest
    static final ArchRule policiesAndEngineImportNoIo = noClasses()
            .that().resideInAnyPackage("org.rtxen.sched..", "org.rtxen.engine..", "org.rtxen.model..")
            .should().dependOnClassesThat().resideInAnyPackage(IO)
            .because("a policy is decisions and records; its codec reads through ParamNode and writes a ParamTree");

    /** The analysis works on the model alone (docs/analysis.md), never on the simulator or a policy. */
    @ArchTest
    static final ArchRule analysisNeverImportsTheEngine = noClasses()
            .that().resideInAPackage("org.rtxen.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("org.rtxen.engine..", "org.rtxen.sched..");

    /** Names explain themselves (the architecture guide's habits): no grab-bag of helpers named for being one. */
    @ArchTest
    static final ArchRule noGrabBagNames = noClasses()
            .should().haveSimpleNameEndingWith("Impl").orShould().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Helpers")
            .because("a class is named for the Xen or rtxen concept it holds");

    /** The codec SPI depends on the model only, so the io side of a codec needs no simulator internals. */
    @ArchTest
    static final ArchRule codecSpiDependsOnTheModelOnly = classes()
            .that().resideInAPackage("org.rtxen.engine.codec..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.rtxen.engine.codec..", "org.rtxen.model..",
                    "java..");

    /**
     * A policy is one package: its scheduler, parameter records and codec are named only inside
     * {@code org.rtxen.sched.<policy>} and by the registry's one line; everything else goes through the registry.
     */
    @ArchTest
    static final ArchRule policyTypesAreNamedOnlyInTheirPackageAndTheRegistry = classes()
            .should(new ArchCondition<JavaClass>("name no policy's types outside that policy's package") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    if (isRegistry(origin)) return;
                    String own = policyOf(origin.getPackageName());
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        String target = policyOf(d.getTargetClass().getPackageName());
                        if (target != null && !target.equals(own)) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                }
            });

    private static boolean isRegistry(JavaClass c) {
        String registry = Schedulers.class.getName();
        return c.getName().equals(registry) || c.getName().startsWith(registry + "$");
    }

    /** The policy a package belongs to ({@code rtds} for {@code org.rtxen.sched.rtds...}), or null. */
    static String policyOf(String pkg) {
        String prefix = "org.rtxen.sched.";
        if (!pkg.startsWith(prefix)) return null;
        String rest = pkg.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
