package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real Symja: the queries the checker sends, and the variable names it invents. */
class SymjaAlgebraTest {

    private final SymjaAlgebra symja = new SymjaAlgebra();

    private ComputerAlgebra.Reply.Value eval(String query) throws Exception {
        return symja.evaluate(query).value();
    }

    /** Every variable an answer can use gets a name that is free in Symja and distinct from the others. */
    @Test
    void variableNamesAreFreshAndDistinct() throws Exception {
        List<String> names = new ArrayList<>();
        for (char c = 'a'; c <= 'z'; c++) {
            names.add(String.valueOf(c));
            names.add(String.valueOf(Character.toUpperCase(c)));
        }
        names.addAll(List.of("alpha", "theta", "pi_1", "a_1", "a_12", "x_n", "Delta", "ell", "p(x)"));
        Set<String> encoded = new HashSet<>();
        StringBuilder all = new StringBuilder();
        for (String n : names) {
            String v = InfixForm.variable(n);
            assertThat(encoded.add(v)).as("distinct encoding of " + n).isTrue();
            assertThat(eval("Attributes[" + v + "]=={}")).as(n + " as " + v + " is not a built-in").isEqualTo(ComputerAlgebra.Reply.Value.TRUE);
            all.append(all.isEmpty() ? "" : "+").append(v);
        }
        // Symja keeps them apart: the sum has as many distinct variables as there are names
        assertThat(symja.evaluate("Length[Variables[" + all + "]]").output()).isEqualTo(String.valueOf(names.size()));
    }

    @Test
    void theFunctionsTheCheckerPrintsAreKnown() throws Exception {
        for (String q : List.of("PossibleZeroQ[Surd[8,3]-2]", "PossibleZeroQ[Log[2,8]-3]", "PossibleZeroQ[Binomial[5,2]-10]",
                "PossibleZeroQ[Factorial[5]-120]", "PossibleZeroQ[Sqrt[8]-2*Sqrt[2]]", "PossibleZeroQ[Sec[0]-1]",
                "PossibleZeroQ[ArcTan[1]-Pi/4]", "PossibleZeroQ[Floor[7/2]-3]", "PossibleZeroQ[Ceiling[7/2]-4]",
                "PossibleZeroQ[Abs[-3]-3]", "PossibleZeroQ[Exp[I*Pi]+1]")) {
            assertThat(eval(q)).as(q).isEqualTo(ComputerAlgebra.Reply.Value.TRUE);
        }
    }

    @Test
    void answersTrueFalseOrOther() throws Exception {
        assertThat(eval("PossibleZeroQ[(vx-2)*(vx+2)-(vx^2-4)]")).isEqualTo(ComputerAlgebra.Reply.Value.TRUE);
        assertThat(eval("PossibleZeroQ[(vx-2)*(vx+2)-(vx^2+4)]")).isEqualTo(ComputerAlgebra.Reply.Value.FALSE);
        assertThat(eval("Together[vx/vx+vy]")).isEqualTo(ComputerAlgebra.Reply.Value.OTHER);
    }

    @Test
    void theEquationQueryRecognizesProportionalSides() throws Exception {
        assertThat(eval("(NumericQ[#]&&#!=0)&[Together[(vx^2/4+vy^2/3-1)/(vx^2/16+vy^2/12-1/4)]]"))
                .isEqualTo(ComputerAlgebra.Reply.Value.TRUE);
        assertThat(eval("(NumericQ[#]&&#!=0)&[Together[(vx+vy-1)/(vx-vy-1)]]"))
                .isEqualTo(ComputerAlgebra.Reply.Value.FALSE);
    }
}
