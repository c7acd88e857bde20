// oracle answers the Go scanner's tests with the standard library's own implementation:
// go/build (MatchFile, for file names and build constraints), go/build/constraint and
// go/parser (package clause and imports). It reads a JSON request on stdin and writes a JSON
// answer on stdout; see go-oracle.spec-helper.ts.
package main

import (
	"bytes"
	"encoding/json"
	"go/build"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

type buildContext struct {
	GOOS        string   `json:"goos"`
	GOARCH      string   `json:"goarch"`
	CgoEnabled  bool     `json:"cgoEnabled"`
	BuildTags   []string `json:"buildTags"`
	ToolTags    []string `json:"toolTags"`
	ReleaseTags []string `json:"releaseTags"`
}

type source struct {
	Name    string `json:"name"`
	Content string `json:"content"`
}

type request struct {
	// constraint: Lines (each a //go:build or // +build line) evaluated with Tags.
	Lines []string `json:"lines"`
	Tags  []string `json:"tags"`
	// matchfile and imports: Files; matchfile also Contexts.
	Files    []source       `json:"files"`
	Contexts []buildContext `json:"contexts"`
	// goroot: Dir to walk, Contexts to match every .go file with.
	Dir string `json:"dir"`
}

type constraintAnswer struct {
	Err   string `json:"err,omitempty"`
	Value bool   `json:"value"`
}

type importAnswer struct {
	Line int    `json:"line"`
	Path string `json:"path"`
}

type fileAnswer struct {
	Name     string         `json:"name"`
	Package  string         `json:"package,omitempty"`
	Imports  []importAnswer `json:"imports,omitempty"`
	ParseErr string         `json:"parseErr,omitempty"`
	// Match[i] is MatchFile's answer for Contexts[i]; MatchErr[i] its error, if any.
	Match    []bool   `json:"match"`
	MatchErr []string `json:"matchErr"`
}

func main() {
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		fail(err)
	}
	var answer any
	switch os.Args[1] {
	case "constraint":
		answer = constraints(req)
	case "files":
		answer = files(req.Files, req.Contexts)
	case "goroot":
		answer = goroot(req.Dir, req.Contexts)
	default:
		fail(os.ErrInvalid)
	}
	if err := json.NewEncoder(os.Stdout).Encode(answer); err != nil {
		fail(err)
	}
}

func constraints(req request) []constraintAnswer {
	tags := map[string]bool{}
	for _, tag := range req.Tags {
		tags[tag] = true
	}
	answers := make([]constraintAnswer, len(req.Lines))
	for i, line := range req.Lines {
		x, err := constraint.Parse(line)
		if err != nil {
			answers[i].Err = err.Error()
			continue
		}
		answers[i].Value = x.Eval(func(tag string) bool { return tags[tag] })
	}
	return answers
}

func files(sources []source, contexts []buildContext) []fileAnswer {
	answers := make([]fileAnswer, len(sources))
	for i, src := range sources {
		answers[i] = describe(src.Name, []byte(src.Content), contexts)
	}
	return answers
}

func goroot(dir string, contexts []buildContext) []fileAnswer {
	var answers []fileAnswer
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		answers = append(answers, describe(filepath.ToSlash(rel), content, contexts))
		return nil
	})
	if err != nil {
		fail(err)
	}
	return answers
}

func describe(name string, content []byte, contexts []buildContext) fileAnswer {
	answer := fileAnswer{Name: name}
	base := filepath.Base(name)
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, name, content, parser.ImportsOnly)
	if err == nil {
		err = importError(base, content)
	}
	if err != nil {
		answer.ParseErr = err.Error()
	} else {
		answer.Package = file.Name.Name
		for _, imp := range file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			// Unadjusted: //line directives must not move the line we compare.
			answer.Imports = append(answer.Imports, importAnswer{Line: fset.PositionFor(imp.Path.Pos(), false).Line, Path: path})
		}
	}
	for _, c := range contexts {
		ctxt := build.Default
		ctxt.GOOS, ctxt.GOARCH, ctxt.CgoEnabled = c.GOOS, c.GOARCH, c.CgoEnabled
		ctxt.BuildTags, ctxt.ToolTags, ctxt.ReleaseTags = c.BuildTags, c.ToolTags, c.ReleaseTags
		ctxt.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content)), nil }
		match, err := ctxt.MatchFile(".", base)
		answer.Match = append(answer.Match, match)
		if err != nil {
			answer.MatchErr = append(answer.MatchErr, err.Error())
		} else {
			answer.MatchErr = append(answer.MatchErr, "")
		}
	}
	return answer
}

// importError is what go/build reports about the file's header beyond go/parser's syntax
// errors (an invalid import path, say): ImportDir on a directory holding only this file, with
// build constraints ignored.
func importError(base string, content []byte) error {
	ctxt := build.Default
	ctxt.UseAllFiles = true
	ctxt.IsDir = func(string) bool { return true }
	ctxt.ReadDir = func(string) ([]fs.FileInfo, error) { return []fs.FileInfo{fileInfo{base, len(content)}}, nil }
	ctxt.OpenFile = func(string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(content)), nil }
	if _, err := ctxt.MatchFile("/oracle", base); err != nil {
		return nil // a build constraint error, which MatchFile's answer reports
	}
	pkg, err := ctxt.ImportDir("/oracle", 0)
	if len(pkg.InvalidGoFiles) > 0 {
		return err
	}
	return nil
}

type fileInfo struct {
	name string
	size int
}

func (f fileInfo) Name() string       { return f.name }
func (f fileInfo) Size() int64        { return int64(f.size) }
func (f fileInfo) Mode() fs.FileMode  { return 0o644 }
func (f fileInfo) ModTime() time.Time { return time.Time{} }
func (f fileInfo) IsDir() bool        { return false }
func (f fileInfo) Sys() any           { return nil }

func fail(err error) {
	os.Stderr.WriteString("oracle: " + err.Error() + "\n")
	os.Exit(2)
}
