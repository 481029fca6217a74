#include "query/cypher_parser.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "partnergraph/text.h"

namespace partnergraph::cypher {
namespace {

enum class TokenKind { kIdentifier, kQuoted, kInteger, kFloat, kString, kParameter, kSymbol, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;  // identifier, symbol, decoded string, parameter name
  size_t begin = 0;  // byte offsets into the query
  size_t end = 0;
  Position position;
};

// Thrown inside the parser only, turned into a Status by Parse: a recursive
// descent parser with error values at every level would be twice as long.
struct SyntaxError {
  Position position;
  std::string message;
};

bool IsIdentifierStart(unsigned char c) { return std::isalpha(c) != 0 || c == '_' || c >= 0x80; }
bool IsIdentifierPart(unsigned char c) { return IsIdentifierStart(c) || std::isdigit(c) != 0; }

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

void AppendUtf8(std::string& out, uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  std::vector<Token> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpaceAndComments();
      Token token;
      token.begin = pos_;
      token.position = Here();
      if (pos_ >= text_.size()) {
        token.kind = TokenKind::kEnd;
        token.end = pos_;
        tokens.push_back(token);
        return tokens;
      }
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (IsIdentifierStart(c)) {
        while (pos_ < text_.size() && IsIdentifierPart(static_cast<unsigned char>(text_[pos_]))) {
          Advance();
        }
        token.kind = TokenKind::kIdentifier;
        token.text = std::string(text_.substr(token.begin, pos_ - token.begin));
      } else if (c == '`') {
        Advance();
        token.kind = TokenKind::kQuoted;
        while (true) {
          if (pos_ >= text_.size()) throw SyntaxError{token.position, "unterminated `name`"};
          if (text_[pos_] == '`') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '`') {
              token.text += '`';
              Advance();
              Advance();
              continue;
            }
            Advance();
            break;
          }
          token.text += text_[pos_];
          Advance();
        }
      } else if (std::isdigit(c) != 0 ||
                 (c == '.' && pos_ + 1 < text_.size() &&
                  std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])) != 0 &&
                  !PreviousIsDot())) {
        LexNumber(token);
      } else if (c == '\'' || c == '"') {
        LexString(token, static_cast<char>(c));
      } else if (c == '$') {
        Advance();
        token.kind = TokenKind::kParameter;
        if (pos_ < text_.size() && text_[pos_] == '`') {
          Lexer inner(text_.substr(pos_));
          std::vector<Token> quoted = inner.Run();
          token.text = quoted[0].text;
          while (pos_ < text_.size() && pos_ < token.begin + 1 + quoted[0].end) Advance();
        } else {
          while (pos_ < text_.size() && IsIdentifierPart(static_cast<unsigned char>(text_[pos_]))) {
            token.text += text_[pos_];
            Advance();
          }
        }
        if (token.text.empty()) throw SyntaxError{token.position, "expected a parameter name"};
      } else {
        token.kind = TokenKind::kSymbol;
        static constexpr std::string_view kTwo[] = {"..", "<>", "<=", ">=", "=~", "!=", "+="};
        std::string_view two = text_.substr(pos_, 2);
        bool matched = false;
        for (std::string_view symbol : kTwo) {
          if (two == symbol) {
            token.text = std::string(symbol);
            Advance();
            Advance();
            matched = true;
            break;
          }
        }
        if (!matched) {
          static constexpr std::string_view kOne = "()[]{},.:|=<>+-*/%^;";
          if (kOne.find(static_cast<char>(c)) == std::string_view::npos) {
            throw SyntaxError{token.position,
                              "unexpected character " + PrintableText(text_.substr(pos_, 1))};
          }
          token.text = std::string(1, static_cast<char>(c));
          Advance();
        }
      }
      token.end = pos_;
      tokens.push_back(std::move(token));
    }
  }

 private:
  bool PreviousIsDot() const { return pos_ > 0 && text_[pos_ - 1] == '.'; }

  Position Here() const { return {line_, column_}; }

  void Advance() {
    if (text_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[pos_]) & 0xC0) != 0x80) {
      ++column_;  // count characters, not UTF-8 continuation bytes
    }
    ++pos_;
  }

  void SkipSpaceAndComments() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(c)) != 0) {
        Advance();
      } else if (text_.substr(pos_, 2) == "//") {
        while (pos_ < text_.size() && text_[pos_] != '\n') Advance();
      } else if (text_.substr(pos_, 2) == "/*") {
        const Position start = Here();
        Advance();
        Advance();
        while (pos_ < text_.size() && text_.substr(pos_, 2) != "*/") Advance();
        if (pos_ >= text_.size()) throw SyntaxError{start, "unterminated /* comment"};
        Advance();
        Advance();
      } else {
        return;
      }
    }
  }

  void LexNumber(Token& token) {
    const size_t start = pos_;
    bool is_float = false;
    if (text_.substr(pos_, 2) == "0x" || text_.substr(pos_, 2) == "0X" ||
        text_.substr(pos_, 2) == "0o") {
      const bool hex = text_[pos_ + 1] != 'o';
      Advance();
      Advance();
      while (pos_ < text_.size() && std::isalnum(static_cast<unsigned char>(text_[pos_])) != 0) {
        Advance();
      }
      const std::string digits(text_.substr(start + 2, pos_ - start - 2));
      errno = 0;
      char* end = nullptr;
      const unsigned long long value = std::strtoull(digits.c_str(), &end, hex ? 16 : 8);
      if (digits.empty() || *end != '\0') {
        throw SyntaxError{token.position,
                          "invalid number " + std::string(text_.substr(start, pos_ - start))};
      }
      if (errno == ERANGE || value > 9223372036854775808ULL) {
        throw SyntaxError{token.position, "integer too large"};
      }
      token.kind = TokenKind::kInteger;
      token.text = std::to_string(value);
      return;
    }
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
      Advance();
    }
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' &&
        std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])) != 0) {
      is_float = true;
      Advance();
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
        Advance();
      }
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      size_t look = pos_ + 1;
      if (look < text_.size() && (text_[look] == '-' || text_[look] == '+')) ++look;
      if (look < text_.size() && std::isdigit(static_cast<unsigned char>(text_[look])) != 0) {
        is_float = true;
        while (pos_ < look) Advance();
        while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_])) != 0) {
          Advance();
        }
      }
    }
    if (pos_ < text_.size() && IsIdentifierStart(static_cast<unsigned char>(text_[pos_]))) {
      throw SyntaxError{token.position, "invalid number literal"};
    }
    token.kind = is_float ? TokenKind::kFloat : TokenKind::kInteger;
    token.text = std::string(text_.substr(start, pos_ - start));
  }

  void LexString(Token& token, char quote) {
    Advance();
    token.kind = TokenKind::kString;
    while (true) {
      if (pos_ >= text_.size()) throw SyntaxError{token.position, "unterminated string"};
      const char c = text_[pos_];
      if (c == quote) {
        Advance();
        return;
      }
      if (c != '\\') {
        token.text += c;
        Advance();
        continue;
      }
      const Position escape = Here();
      Advance();
      if (pos_ >= text_.size()) throw SyntaxError{token.position, "unterminated string"};
      const char e = text_[pos_];
      Advance();
      switch (e) {
        case '\\':
        case '\'':
        case '"':
          token.text += e;
          break;
        case 'n':
          token.text += '\n';
          break;
        case 't':
          token.text += '\t';
          break;
        case 'r':
          token.text += '\r';
          break;
        case 'b':
          token.text += '\b';
          break;
        case 'f':
          token.text += '\f';
          break;
        case 'u':
        case 'U': {
          const size_t digits = e == 'u' ? 4 : 8;
          if (pos_ + digits > text_.size()) throw SyntaxError{escape, "bad \\u escape"};
          const std::string hex(text_.substr(pos_, digits));
          char* end = nullptr;
          const unsigned long code = std::strtoul(hex.c_str(), &end, 16);
          if (*end != '\0' || code > 0x10FFFF) throw SyntaxError{escape, "bad \\u escape"};
          for (size_t i = 0; i < digits; ++i) Advance();
          AppendUtf8(token.text, static_cast<uint32_t>(code));
          break;
        }
        default:
          throw SyntaxError{escape, std::string("unknown escape \\") + e};
      }
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

// Clauses a read-only engine refuses, with the advice.
bool IsWriteKeyword(const std::string& upper) {
  static const std::vector<std::string> kWrites = {"CREATE", "MERGE", "SET",     "DELETE", "DETACH",
                                                   "REMOVE", "CALL",  "FOREACH", "LOAD",   "DROP"};
  return std::find(kWrites.begin(), kWrites.end(), upper) != kWrites.end();
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {}

  Query ParseQuery() {
    Query query;
    query.parts.push_back(ParseSingle());
    while (IsKeyword("UNION")) {
      Next();
      bool all = false;
      if (IsKeyword("ALL")) {
        Next();
        all = true;
      }
      query.union_all.push_back(all);
      query.parts.push_back(ParseSingle());
    }
    if (IsSymbol(";")) Next();
    if (Peek().kind != TokenKind::kEnd) Fail("expected the end of the query");
    return query;
  }

 private:
  // --- tokens ---
  const Token& Peek(size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  const Token& Next() {
    const Token& token = Peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return token;
  }
  bool IsKeyword(std::string_view word, size_t ahead = 0) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kIdentifier && Upper(token.text) == word;
  }
  bool IsSymbol(std::string_view symbol, size_t ahead = 0) const {
    const Token& token = Peek(ahead);
    return token.kind == TokenKind::kSymbol && token.text == symbol;
  }
  [[noreturn]] void Fail(const std::string& what) const {
    const Token& token = Peek();
    std::string found =
        token.kind == TokenKind::kEnd
            ? "the end of the query"
            : "'" + std::string(text_.substr(token.begin, token.end - token.begin)) + "'";
    throw SyntaxError{token.position, what + ", found " + found};
  }
  void ExpectSymbol(std::string_view symbol) {
    if (!IsSymbol(symbol)) Fail("expected '" + std::string(symbol) + "'");
    Next();
  }
  void ExpectKeyword(std::string_view word) {
    if (!IsKeyword(word)) Fail("expected " + std::string(word));
    Next();
  }
  std::string ExpectName(const std::string& what) {
    const Token& token = Peek();
    if (token.kind != TokenKind::kIdentifier && token.kind != TokenKind::kQuoted) {
      Fail("expected " + what);
    }
    Next();
    return token.text;
  }
  std::string TextBetween(size_t first_token, size_t end_token) const {
    if (end_token <= first_token) return "";
    const size_t begin = tokens_[first_token].begin;
    const size_t end = tokens_[end_token - 1].end;
    return std::string(text_.substr(begin, end - begin));
  }

  // --- clauses ---
  SingleQuery ParseSingle() {
    SingleQuery single;
    while (true) {
      const Token& token = Peek();
      if (token.kind == TokenKind::kIdentifier && IsWriteKeyword(Upper(token.text))) {
        throw SyntaxError{token.position, "pgraph query is read-only; use pgraph import"};
      }
      if (IsKeyword("MATCH") || (IsKeyword("OPTIONAL") && IsKeyword("MATCH", 1))) {
        single.clauses.push_back(ParseMatch());
      } else if (IsKeyword("UNWIND")) {
        single.clauses.push_back(ParseUnwind());
      } else if (IsKeyword("WITH")) {
        single.clauses.push_back(ParseProjection(ClauseKind::kWith));
      } else if (IsKeyword("RETURN")) {
        single.clauses.push_back(ParseProjection(ClauseKind::kReturn));
        break;
      } else {
        Fail("expected MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN");
      }
    }
    return single;
  }

  Clause ParseMatch() {
    Clause clause;
    clause.kind = ClauseKind::kMatch;
    clause.position = Peek().position;
    if (IsKeyword("OPTIONAL")) {
      Next();
      clause.optional = true;
    }
    ExpectKeyword("MATCH");
    clause.patterns.push_back(ParsePattern());
    while (IsSymbol(",")) {
      Next();
      clause.patterns.push_back(ParsePattern());
    }
    if (IsKeyword("AS") && IsKeyword("OF", 1)) {
      Next();
      Next();
      clause.as_of = ParseExpression();
    }
    if (IsKeyword("WHERE")) {
      Next();
      clause.where = ParseExpression();
    }
    return clause;
  }

  Clause ParseUnwind() {
    Clause clause;
    clause.kind = ClauseKind::kUnwind;
    clause.position = Next().position;
    clause.unwind = ParseExpression();
    ExpectKeyword("AS");
    clause.unwind_variable = ExpectName("a variable name after AS");
    return clause;
  }

  Clause ParseProjection(ClauseKind kind) {
    Clause clause;
    clause.kind = kind;
    clause.position = Next().position;
    if (IsKeyword("DISTINCT")) {
      Next();
      clause.distinct = true;
    }
    if (IsSymbol("*")) {
      Next();
      clause.star = true;
      if (IsSymbol(",")) {
        Next();
      } else {
        goto after_items;  // NOLINT: RETURN * alone
      }
    }
    while (true) {
      ProjectionItem item;
      const size_t first = pos_;
      item.expr = ParseExpression();
      if (IsKeyword("AS")) {
        Next();
        item.alias = ExpectName("a column name after AS");
      } else {
        item.alias = TextBetween(first, pos_);
        if (kind == ClauseKind::kWith && item.expr->kind != ExprKind::kVariable) {
          throw SyntaxError{item.expr->position, "expression in WITH must be aliased (use AS)"};
        }
      }
      clause.items.push_back(std::move(item));
      if (!IsSymbol(",")) break;
      Next();
    }
  after_items:
    if (IsKeyword("ORDER")) {
      Next();
      ExpectKeyword("BY");
      while (true) {
        SortItem item;
        item.expr = ParseExpression();
        if (IsKeyword("DESC") || IsKeyword("DESCENDING")) {
          Next();
          item.descending = true;
        } else if (IsKeyword("ASC") || IsKeyword("ASCENDING")) {
          Next();
        }
        clause.order_by.push_back(std::move(item));
        if (!IsSymbol(",")) break;
        Next();
      }
    }
    if (IsKeyword("SKIP")) {
      Next();
      clause.skip = ParseExpression();
    }
    if (IsKeyword("LIMIT")) {
      Next();
      clause.limit = ParseExpression();
    }
    if (kind == ClauseKind::kWith && IsKeyword("WHERE")) {
      Next();
      clause.where = ParseExpression();
    }
    return clause;
  }

  // --- patterns ---
  Pattern ParsePattern() {
    Pattern pattern;
    pattern.position = Peek().position;
    if ((Peek().kind == TokenKind::kIdentifier || Peek().kind == TokenKind::kQuoted) &&
        IsSymbol("=", 1)) {
      pattern.path_variable = Next().text;
      Next();
    }
    if (IsKeyword("SHORTESTPATH") || IsKeyword("ALLSHORTESTPATHS")) {
      pattern.search = IsKeyword("SHORTESTPATH") ? PathSearch::kShortest : PathSearch::kAllShortest;
      Next();
      ExpectSymbol("(");
      ParseChain(pattern);
      ExpectSymbol(")");
      CheckShortest(pattern);
      return pattern;
    }
    if ((IsKeyword("ANY") || IsKeyword("ALL")) && IsKeyword("SHORTEST", 1)) {
      pattern.search = IsKeyword("ANY") ? PathSearch::kShortest : PathSearch::kAllShortest;
      Next();
      Next();
      if (IsKeyword("PATH") || IsKeyword("PATHS")) Next();
      ParseChain(pattern);
      CheckShortest(pattern);
      return pattern;
    }
    ParseChain(pattern);
    return pattern;
  }

  void CheckShortest(Pattern& pattern) {
    if (pattern.rels.size() != 1) {
      throw SyntaxError{pattern.position, "a shortest path pattern has exactly one relationship"};
    }
    RelPattern& rel = pattern.rels[0];
    if (!rel.var_length) {
      // shortestPath((a)-[r]->(b)) means one hop; keep it as written.
      rel.max_hops = 1;
    }
  }

  void ParseChain(Pattern& pattern) {
    pattern.nodes.push_back(ParseNode());
    while (StartsRelationship()) {
      pattern.rels.push_back(ParseRel());
      pattern.nodes.push_back(ParseNode());
    }
  }

  bool StartsRelationship() const {
    return (IsSymbol("-") && (IsSymbol("[", 1) || IsSymbol("-", 1) || IsSymbol(">", 1))) ||
           (IsSymbol("<") && IsSymbol("-", 1)) || IsSymbol("<>");
  }

  NodePattern ParseNode() {
    NodePattern node;
    node.position = Peek().position;
    ExpectSymbol("(");
    if (Peek().kind == TokenKind::kIdentifier || Peek().kind == TokenKind::kQuoted) {
      node.variable = Next().text;
    }
    while (IsSymbol(":")) {
      Next();
      node.labels.push_back(ExpectName("a label"));
    }
    if (IsSymbol("{") || Peek().kind == TokenKind::kParameter) node.properties = ParsePrimary();
    ExpectSymbol(")");
    return node;
  }

  RelPattern ParseRel() {
    RelPattern rel;
    rel.position = Peek().position;
    bool left = false;
    if (IsSymbol("<>")) {  // <>: "<-" "->" squeezed; not valid Cypher
      Fail("expected a relationship pattern");
    }
    if (IsSymbol("<")) {
      Next();
      left = true;
    }
    ExpectSymbol("-");
    if (IsSymbol("[")) {
      Next();
      if (Peek().kind == TokenKind::kIdentifier || Peek().kind == TokenKind::kQuoted) {
        rel.variable = Next().text;
      }
      if (IsSymbol(":")) {
        Next();
        rel.types.push_back(ExpectName("a relationship type"));
        while (IsSymbol("|")) {
          Next();
          if (IsSymbol(":")) Next();
          rel.types.push_back(ExpectName("a relationship type"));
        }
      }
      if (IsSymbol("*")) {
        Next();
        rel.var_length = true;
        rel.min_hops = 1;
        rel.max_hops.reset();
        if (Peek().kind == TokenKind::kInteger) {
          rel.min_hops = ParseHopCount();
          if (!IsSymbol("..")) rel.max_hops = rel.min_hops;
        }
        if (IsSymbol("..")) {
          Next();
          if (Peek().kind == TokenKind::kInteger) rel.max_hops = ParseHopCount();
        }
      }
      if (IsSymbol("{") || Peek().kind == TokenKind::kParameter) rel.properties = ParsePrimary();
      ExpectSymbol("]");
    }
    ExpectSymbol("-");
    bool right = false;
    if (IsSymbol(">")) {
      Next();
      right = true;
    }
    // <-[]-> and -[]- both mean either direction.
    if (left != right) rel.direction = left ? RelDirection::kLeft : RelDirection::kRight;
    return rel;
  }

  int ParseHopCount() {
    const Token& token = Next();
    errno = 0;
    const long long value = std::strtoll(token.text.c_str(), nullptr, 10);
    if (errno == ERANGE || value > 1000000) {
      throw SyntaxError{token.position, "hop count too large"};
    }
    return static_cast<int>(value);
  }

  // --- expressions ---
  ExprPtr Make(ExprKind kind, Position position) {
    auto expr = std::make_unique<Expr>();
    expr->kind = kind;
    expr->position = position;
    return expr;
  }

  ExprPtr ParseExpression() {
    const size_t first = pos_;
    ExprPtr expr = ParseOr();
    expr->text = TextBetween(first, pos_);
    return expr;
  }

  ExprPtr Binary(std::string op, ExprPtr left, ExprPtr right) {
    ExprPtr expr = Make(ExprKind::kBinary, left->position);
    expr->name = std::move(op);
    expr->children.push_back(std::move(left));
    expr->children.push_back(std::move(right));
    return expr;
  }

  ExprPtr ParseOr() {
    ExprPtr left = ParseXor();
    while (IsKeyword("OR")) {
      Next();
      left = Binary("OR", std::move(left), ParseXor());
    }
    return left;
  }
  ExprPtr ParseXor() {
    ExprPtr left = ParseAnd();
    while (IsKeyword("XOR")) {
      Next();
      left = Binary("XOR", std::move(left), ParseAnd());
    }
    return left;
  }
  ExprPtr ParseAnd() {
    ExprPtr left = ParseNot();
    while (IsKeyword("AND")) {
      Next();
      left = Binary("AND", std::move(left), ParseNot());
    }
    return left;
  }
  ExprPtr ParseNot() {
    if (IsKeyword("NOT")) {
      const Position position = Next().position;
      ExprPtr expr = Make(ExprKind::kUnary, position);
      expr->name = "NOT";
      expr->children.push_back(ParseNot());
      return expr;
    }
    return ParseComparison();
  }
  ExprPtr ParseComparison() {
    ExprPtr first = ParsePredicate();
    auto at_operator = [this] {
      if (IsSymbol("!=")) Fail("expected '<>' (Cypher's not-equal)");
      return IsSymbol("=") || IsSymbol("<>") || IsSymbol("<") || IsSymbol(">") || IsSymbol("<=") ||
             IsSymbol(">=");
    };
    if (!at_operator()) return first;
    ExprPtr chain = Make(ExprKind::kComparison, first->position);
    chain->children.push_back(std::move(first));
    while (at_operator()) {
      chain->ops.push_back(Next().text);
      chain->children.push_back(ParsePredicate());
    }
    return chain;
  }
  ExprPtr ParsePredicate() {
    ExprPtr left = ParseAdditive();
    while (true) {
      if (IsKeyword("STARTS") && IsKeyword("WITH", 1)) {
        Next();
        Next();
        left = Binary("STARTS WITH", std::move(left), ParseAdditive());
      } else if (IsKeyword("ENDS") && IsKeyword("WITH", 1)) {
        Next();
        Next();
        left = Binary("ENDS WITH", std::move(left), ParseAdditive());
      } else if (IsKeyword("CONTAINS")) {
        Next();
        left = Binary("CONTAINS", std::move(left), ParseAdditive());
      } else if (IsKeyword("IN")) {
        Next();
        left = Binary("IN", std::move(left), ParseAdditive());
      } else if (IsSymbol("=~")) {
        Next();
        left = Binary("=~", std::move(left), ParseAdditive());
      } else if (IsKeyword("IS")) {
        Next();
        ExprPtr expr = Make(ExprKind::kIsNull, left->position);
        if (IsKeyword("NOT")) {
          Next();
          expr->negated = true;
        }
        ExpectKeyword("NULL");
        expr->children.push_back(std::move(left));
        left = std::move(expr);
      } else {
        return left;
      }
    }
  }
  ExprPtr ParseAdditive() {
    ExprPtr left = ParseMultiplicative();
    while (IsSymbol("+") || IsSymbol("-")) {
      std::string op = Next().text;
      left = Binary(op, std::move(left), ParseMultiplicative());
    }
    return left;
  }
  ExprPtr ParseMultiplicative() {
    ExprPtr left = ParsePower();
    while (IsSymbol("*") || IsSymbol("/") || IsSymbol("%")) {
      std::string op = Next().text;
      left = Binary(op, std::move(left), ParsePower());
    }
    return left;
  }
  ExprPtr ParsePower() {
    ExprPtr left = ParseUnary();
    while (IsSymbol("^")) {
      Next();
      left = Binary("^", std::move(left), ParseUnary());
    }
    return left;
  }
  ExprPtr ParseUnary() {
    if (IsSymbol("-") || IsSymbol("+")) {
      const Token& token = Next();
      // -9223372036854775808 is a literal, not the negation of one too large.
      if (token.text == "-" && Peek().kind == TokenKind::kInteger &&
          Peek().text == "9223372036854775808") {
        ExprPtr literal = Make(ExprKind::kLiteral, token.position);
        literal->value = INT64_MIN;
        Next();
        return ParsePostfix(std::move(literal));
      }
      ExprPtr expr = Make(ExprKind::kUnary, token.position);
      expr->name = token.text;
      expr->children.push_back(ParseUnary());
      return expr;
    }
    return ParsePostfix(ParsePrimary());
  }
  ExprPtr ParsePostfix(ExprPtr expr) {
    while (true) {
      if (IsSymbol(".")) {
        Next();
        ExprPtr property = Make(ExprKind::kProperty, expr->position);
        property->name = ExpectName("a property name");
        property->children.push_back(std::move(expr));
        expr = std::move(property);
      } else if (IsSymbol("[")) {
        const Position position = Next().position;
        ExprPtr from;
        if (!IsSymbol("..")) from = ParseExpression();
        if (IsSymbol("..")) {
          Next();
          ExprPtr to;
          if (!IsSymbol("]")) to = ParseExpression();
          ExpectSymbol("]");
          ExprPtr slice = Make(ExprKind::kSlice, position);
          slice->children.push_back(std::move(expr));
          slice->children.push_back(std::move(from));
          slice->children.push_back(std::move(to));
          expr = std::move(slice);
        } else {
          ExpectSymbol("]");
          ExprPtr index = Make(ExprKind::kIndex, position);
          index->children.push_back(std::move(expr));
          index->children.push_back(std::move(from));
          expr = std::move(index);
        }
      } else if (IsSymbol(":") && expr->kind == ExprKind::kVariable) {
        // n:Label as a predicate
        ExprPtr check = Make(ExprKind::kFunction, expr->position);
        check->name = "__haslabels";
        check->children.push_back(std::move(expr));
        while (IsSymbol(":")) {
          Next();
          ExprPtr label = Make(ExprKind::kLiteral, Peek().position);
          label->value = ExpectName("a label");
          check->children.push_back(std::move(label));
        }
        expr = std::move(check);
      } else {
        return expr;
      }
    }
  }

  ExprPtr Literal(CypherValue value, Position position) {
    ExprPtr expr = Make(ExprKind::kLiteral, position);
    expr->value = std::move(value);
    return expr;
  }

  ExprPtr ParsePrimary() {
    const Token& token = Peek();
    const size_t first = pos_;
    switch (token.kind) {
      case TokenKind::kInteger: {
        Next();
        errno = 0;
        const unsigned long long value = std::strtoull(token.text.c_str(), nullptr, 10);
        if (errno == ERANGE || value > 9223372036854775807ULL) {
          throw SyntaxError{token.position, "integer too large: " + token.text};
        }
        return Literal(static_cast<int64_t>(value), token.position);
      }
      case TokenKind::kFloat: {
        Next();
        const double value = std::strtod(token.text.c_str(), nullptr);
        if (std::isinf(value)) throw SyntaxError{token.position, "float too large: " + token.text};
        return Literal(value, token.position);
      }
      case TokenKind::kString:
        Next();
        return Literal(token.text, token.position);
      case TokenKind::kParameter: {
        Next();
        ExprPtr expr = Make(ExprKind::kParameter, token.position);
        expr->name = token.text;
        return expr;
      }
      case TokenKind::kSymbol:
        if (token.text == "(") return ParseParenthesised();
        if (token.text == "[") return ParseListOrComprehension();
        if (token.text == "{") return ParseMap();
        Fail("expected an expression");
      case TokenKind::kQuoted: {
        Next();
        ExprPtr expr = Make(ExprKind::kVariable, token.position);
        expr->name = token.text;
        return expr;
      }
      case TokenKind::kEnd:
        Fail("expected an expression");
      case TokenKind::kIdentifier:
        break;
    }
    const std::string upper = Upper(token.text);
    if (upper == "TRUE" || upper == "FALSE") {
      Next();
      return Literal(upper == "TRUE", token.position);
    }
    if (upper == "NULL") {
      Next();
      return Literal(CypherValue(), token.position);
    }
    if (upper == "CASE") return ParseCase();
    if (upper == "EXISTS" && IsSymbol("{", 1)) return ParseExistsSubquery();
    if (IsSymbol("(", 1)) {
      if ((upper == "ALL" || upper == "ANY" || upper == "NONE" || upper == "SINGLE") &&
          (Peek(2).kind == TokenKind::kIdentifier || Peek(2).kind == TokenKind::kQuoted) &&
          IsKeyword("IN", 3)) {
        return ParseQuantifier(upper);
      }
      if (upper == "REDUCE") return ParseReduce();
      if (upper == "EXISTS" && IsSymbol("(", 2)) {
        // exists((a)-->(b)): a pattern; exists(n.prop): a property check.
        const size_t save = pos_;
        Next();
        Next();
        if (auto pattern = TryPattern()) {
          if (IsSymbol(")")) {
            Next();
            ExprPtr expr = Make(ExprKind::kExists, token.position);
            expr->pattern = std::move(pattern);
            return expr;
          }
        }
        pos_ = save;
      }
      return ParseFunctionCall();
    }
    // A variable, or a namespaced function call (a.b.c(...)).
    Next();
    ExprPtr expr = Make(ExprKind::kVariable, token.position);
    expr->name = token.text;
    (void)first;
    return expr;
  }

  std::unique_ptr<Pattern> TryPattern() {
    const size_t save = pos_;
    try {
      auto pattern = std::make_unique<Pattern>();
      Pattern parsed = ParsePattern();
      *pattern = std::move(parsed);
      return pattern;
    } catch (const SyntaxError&) {
      pos_ = save;
      return nullptr;
    }
  }

  ExprPtr ParseParenthesised() {
    const Position position = Peek().position;
    // A pattern predicate: (a)-[:T]->(b), which needs at least one relationship.
    {
      const size_t save = pos_;
      std::unique_ptr<Pattern> pattern = TryPattern();
      if (pattern && !pattern->rels.empty()) {
        ExprPtr expr = Make(ExprKind::kPatternPredicate, position);
        expr->pattern = std::move(pattern);
        return expr;
      }
      pos_ = save;
    }
    Next();
    ExprPtr inner = ParseExpression();
    ExpectSymbol(")");
    return inner;
  }

  ExprPtr ParseListOrComprehension() {
    const Position position = Next().position;  // [
    // [x IN list WHERE .. | ..]
    if ((Peek().kind == TokenKind::kIdentifier || Peek().kind == TokenKind::kQuoted) &&
        IsKeyword("IN", 1)) {
      ExprPtr expr = Make(ExprKind::kListComprehension, position);
      expr->variable = Next().text;
      Next();  // IN
      expr->children.push_back(ParseExpression());
      expr->children.emplace_back();
      expr->children.emplace_back();
      if (IsKeyword("WHERE")) {
        Next();
        expr->children[1] = ParseExpression();
      }
      if (IsSymbol("|")) {
        Next();
        expr->children[2] = ParseExpression();
      }
      ExpectSymbol("]");
      return expr;
    }
    // [(a)-->(b) WHERE .. | b.name]
    if (IsSymbol("(") ||
        ((Peek().kind == TokenKind::kIdentifier || Peek().kind == TokenKind::kQuoted) &&
         IsSymbol("=", 1))) {
      const size_t save = pos_;
      std::unique_ptr<Pattern> pattern = TryPattern();
      if (pattern && !pattern->rels.empty() && (IsKeyword("WHERE") || IsSymbol("|"))) {
        ExprPtr expr = Make(ExprKind::kPatternComprehension, position);
        expr->children.emplace_back();
        if (IsKeyword("WHERE")) {
          Next();
          expr->children[0] = ParseExpression();
        }
        ExpectSymbol("|");
        expr->children.push_back(ParseExpression());
        ExpectSymbol("]");
        expr->pattern = std::move(pattern);
        return expr;
      }
      pos_ = save;
    }
    ExprPtr list = Make(ExprKind::kList, position);
    if (!IsSymbol("]")) {
      while (true) {
        list->children.push_back(ParseExpression());
        if (!IsSymbol(",")) break;
        Next();
      }
    }
    ExpectSymbol("]");
    return list;
  }

  ExprPtr ParseMap() {
    ExprPtr map = Make(ExprKind::kMap, Next().position);
    if (!IsSymbol("}")) {
      while (true) {
        const Token& key = Peek();
        if (key.kind != TokenKind::kIdentifier && key.kind != TokenKind::kQuoted &&
            key.kind != TokenKind::kString) {
          Fail("expected a map key");
        }
        Next();
        ExpectSymbol(":");
        map->keys.push_back(key.text);
        map->children.push_back(ParseExpression());
        if (!IsSymbol(",")) break;
        Next();
      }
    }
    ExpectSymbol("}");
    return map;
  }

  ExprPtr ParseCase() {
    ExprPtr expr = Make(ExprKind::kCase, Next().position);
    if (!IsKeyword("WHEN")) {
      expr->has_subject = true;
      expr->children.push_back(ParseExpression());
    }
    if (!IsKeyword("WHEN")) Fail("expected WHEN");
    while (IsKeyword("WHEN")) {
      Next();
      expr->children.push_back(ParseExpression());
      ExpectKeyword("THEN");
      expr->children.push_back(ParseExpression());
    }
    if (IsKeyword("ELSE")) {
      Next();
      expr->has_else = true;
      expr->children.push_back(ParseExpression());
    }
    ExpectKeyword("END");
    return expr;
  }

  ExprPtr ParseQuantifier(const std::string& upper) {
    ExprPtr expr = Make(ExprKind::kQuantifier, Next().position);
    expr->name = upper;
    ExpectSymbol("(");
    expr->variable = Next().text;
    ExpectKeyword("IN");
    expr->children.push_back(ParseExpression());
    if (IsKeyword("WHERE")) {
      Next();
      expr->children.push_back(ParseExpression());
    } else {
      Fail("expected WHERE");
    }
    ExpectSymbol(")");
    return expr;
  }

  ExprPtr ParseReduce() {
    ExprPtr expr = Make(ExprKind::kReduce, Next().position);
    ExpectSymbol("(");
    expr->keys.push_back(ExpectName("an accumulator name"));
    ExpectSymbol("=");
    expr->children.push_back(ParseExpression());
    ExpectSymbol(",");
    expr->variable = ExpectName("a variable name");
    ExpectKeyword("IN");
    expr->children.push_back(ParseExpression());
    ExpectSymbol("|");
    expr->children.push_back(ParseExpression());
    ExpectSymbol(")");
    return expr;
  }

  ExprPtr ParseExistsSubquery() {
    ExprPtr expr = Make(ExprKind::kExists, Next().position);
    ExpectSymbol("{");
    if (IsKeyword("MATCH")) Next();
    auto pattern = std::make_unique<Pattern>(ParsePattern());
    if (IsKeyword("WHERE")) {
      Next();
      pattern->where = ParseExpression();
    }
    ExpectSymbol("}");
    expr->pattern = std::move(pattern);
    return expr;
  }

  ExprPtr ParseFunctionCall() {
    const Token& name = Next();
    ExprPtr expr = Make(ExprKind::kFunction, name.position);
    expr->name = name.text;
    ExpectSymbol("(");
    if (Upper(name.text) == "COUNT" && IsSymbol("*")) {
      Next();
      ExpectSymbol(")");
      expr->kind = ExprKind::kCountStar;
      return expr;
    }
    if (IsKeyword("DISTINCT")) {
      Next();
      expr->distinct = true;
    }
    if (!IsSymbol(")")) {
      while (true) {
        expr->children.push_back(ParseExpression());
        if (!IsSymbol(",")) break;
        Next();
      }
    }
    ExpectSymbol(")");
    return expr;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

std::string MessageAt(std::string_view text, Position position, std::string_view what) {
  std::string message = "line " + std::to_string(position.line) + ", column " +
                        std::to_string(position.column) + ": " + std::string(what);
  // Quote the line and put a caret under the column.
  size_t start = 0;
  for (int line = 1; line < position.line && start < text.size(); ++line) {
    const size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  const std::string_view line = text.substr(start, end - start);
  message += "\n  " + PrintableText(line, line.size() * 4 + 4) + "\n  ";
  message += std::string(static_cast<size_t>(std::max(0, position.column - 1)), ' ') + "^";
  return message;
}

Result<Query> Parse(std::string_view text) {
  try {
    Lexer lexer(text);
    std::vector<Token> tokens = lexer.Run();
    Parser parser(text, std::move(tokens));
    return parser.ParseQuery();
  } catch (const SyntaxError& error) {
    if (error.message.rfind("pgraph query is read-only", 0) == 0) {
      return Status::InvalidArgument(error.message);
    }
    return Status::InvalidArgument("syntax error at " +
                                   MessageAt(text, error.position, error.message));
  }
}

}  // namespace partnergraph::cypher
