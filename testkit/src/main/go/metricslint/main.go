// Command metricslint checks a Prometheus text exposition (0.0.4) read from standard input the
// way Prometheus itself would: it parses it with expfmt (the parser of the Prometheus server),
// runs promlint (the checks of `promtool check metrics`), and demands a HELP and a TYPE line for
// every family and no family declared twice.
//
// It prints one line per family ("name type") on standard output. Problems go to standard error,
// one per line, and make it exit with 1; input it cannot read at all exits with 2.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot read standard input:", err)
		os.Exit(2)
	}
	problems := declarationProblems(in)
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(in))
	if err != nil {
		problems = append(problems, "parse: "+err.Error())
	}
	names := make([]string, 0, len(families))
	for name := range families {
		names = append(names, name)
	}
	sort.Strings(names)
	list := make([]*dto.MetricFamily, 0, len(names))
	for _, name := range names {
		mf := families[name]
		list = append(list, mf)
		fmt.Printf("%s %s\n", name, strings.ToLower(mf.GetType().String()))
	}
	lints, err := promlint.NewWithMetricFamilies(list).Lint()
	if err != nil {
		problems = append(problems, "promlint: "+err.Error())
	}
	for _, p := range lints {
		problems = append(problems, fmt.Sprintf("%s: %s", p.Metric, p.Text))
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// declarationProblems reads the comment lines themselves: the parser accepts a family without
// TYPE (as untyped) or without HELP, and a second declaration of a family only when it is adjacent.
func declarationProblems(in []byte) []string {
	helps := map[string]int{}
	types := map[string]int{}
	var sampled []string
	seen := map[string]bool{}
	scanner := bufio.NewScanner(bytes.NewReader(in))
	scanner.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for scanner.Scan() {
		line := scanner.Text()
		fields := strings.Fields(line)
		switch {
		case len(fields) >= 3 && fields[0] == "#" && fields[1] == "HELP":
			helps[fields[2]]++
		case len(fields) >= 3 && fields[0] == "#" && fields[1] == "TYPE":
			types[fields[2]]++
		case len(fields) > 0 && !strings.HasPrefix(fields[0], "#"):
			name := fields[0]
			if i := strings.IndexByte(name, '{'); i >= 0 {
				name = name[:i]
			}
			if !seen[name] {
				seen[name] = true
				sampled = append(sampled, name)
			}
		}
	}
	var problems []string
	for name, n := range types {
		if n > 1 {
			problems = append(problems, fmt.Sprintf("%s: TYPE declared %d times (duplicate family)", name, n))
		}
		if helps[name] == 0 {
			problems = append(problems, fmt.Sprintf("%s: no HELP line", name))
		}
	}
	for name, n := range helps {
		if n > 1 {
			problems = append(problems, fmt.Sprintf("%s: HELP declared %d times (duplicate family)", name, n))
		}
		if types[name] == 0 {
			problems = append(problems, fmt.Sprintf("%s: no TYPE line", name))
		}
	}
	for _, name := range sampled {
		if types[familyOf(name, types)] == 0 {
			problems = append(problems, fmt.Sprintf("%s: sample of a family without TYPE", name))
		}
	}
	sort.Strings(problems)
	return problems
}

// familyOf maps a sample name to its declared family: histogram and summary samples carry a
// suffix the family name does not.
func familyOf(sample string, types map[string]int) string {
	if types[sample] > 0 {
		return sample
	}
	for _, suffix := range []string{"_bucket", "_count", "_sum"} {
		if base, ok := strings.CutSuffix(sample, suffix); ok && types[base] > 0 {
			return base
		}
	}
	return sample
}
