// Compact columns: an array (Column) and a list of strings (StringTable)
// that either own their values or view memory a mapped file owns, so that
// large tables can be opened without being copied.
#ifndef PARTNERGRAPH_COLUMN_H_
#define PARTNERGRAPH_COLUMN_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace partnergraph {

// Indices into a graph's per-vertex, per-edge and per-type tables.
using VertexIndex = uint32_t;
using EdgeIndex = uint32_t;
using TypeIndex = uint16_t;

// An array of T that either owns its values (a std::vector) or views memory
// kept alive by a shared owner (a mapped file). Copies of a viewing column
// share that memory; any mutation first copies the viewed values into the
// column's own vector (copy on write), so a mapped file is never written.
// Not thread-safe for mutation; concurrent const use is fine.
template <typename T>
class Column {
 public:
  using value_type = T;
  using const_iterator = const T*;

  Column() = default;
  Column(std::initializer_list<T> values) : owned_(values) {}
  explicit Column(std::vector<T> values) : owned_(std::move(values)) {}

  // Views `values`, which must stay valid while `keep_alive` lives.
  static Column View(std::span<const T> values, std::shared_ptr<const void> keep_alive) {
    return Column(values, std::move(keep_alive));
  }

  bool is_view() const { return viewing_; }
  size_t size() const { return viewing_ ? view_.size() : owned_.size(); }
  bool empty() const { return size() == 0; }
  const T* data() const { return viewing_ ? view_.data() : owned_.data(); }
  const T& operator[](size_t i) const { return data()[i]; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  std::span<const T> span() const { return {data(), size()}; }
  // Bytes the values occupy (owned capacity, or the viewed range).
  size_t MemoryBytes() const {
    return viewing_ ? view_.size_bytes() : owned_.capacity() * sizeof(T);
  }

  void push_back(const T& value) {
    Own();
    owned_.push_back(value);
  }
  void assign(size_t count, const T& value) {
    Drop();
    owned_.assign(count, value);
  }
  void reserve(size_t count) {
    Own();
    owned_.reserve(count);
  }
  void resize(size_t count) {
    Own();
    owned_.resize(count);
  }
  void clear() {
    Drop();
    owned_.clear();
  }
  T* mutable_data() {
    Own();
    return owned_.data();
  }

  friend bool operator==(const Column& a, const Column& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  Column(std::span<const T> values, std::shared_ptr<const void> keep_alive)
      : view_(values), keep_alive_(std::move(keep_alive)), viewing_(true) {}

  void Own() {
    if (!viewing_) return;
    owned_.assign(view_.begin(), view_.end());
    Drop();
  }
  void Drop() {
    view_ = {};
    keep_alive_.reset();
    viewing_ = false;
  }

  std::vector<T> owned_;
  std::span<const T> view_;
  std::shared_ptr<const void> keep_alive_;
  bool viewing_ = false;
};

// A list of strings in one char buffer with 4-byte end offsets: about 4 bytes
// a string beyond its characters, where std::string costs 32. Holds at most
// 4 GiB of characters (push_back throws std::length_error beyond).
class StringTable {
 public:
  // A random-access iterator yielding std::string_view.
  class const_iterator {  // NOLINT(readability-identifier-naming): the standard container name
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::string_view;

    const_iterator() = default;
    const_iterator(const StringTable* table, size_t index) : table_(table), index_(index) {}
    std::string_view operator*() const { return table_->view(index_); }
    std::string_view operator[](difference_type n) const {
      return table_->view(index_ + static_cast<size_t>(n));
    }
    const_iterator& operator++() {
      ++index_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++index_;
      return old;
    }
    const_iterator& operator--() {
      --index_;
      return *this;
    }
    const_iterator operator--(int) {
      const_iterator old = *this;
      --index_;
      return old;
    }
    const_iterator& operator+=(difference_type n) {
      index_ += static_cast<size_t>(n);
      return *this;
    }
    const_iterator& operator-=(difference_type n) {
      index_ -= static_cast<size_t>(n);
      return *this;
    }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      return a.index_ == b.index_;
    }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) {
      return a.index_ <=> b.index_;
    }

   private:
    const StringTable* table_ = nullptr;
    size_t index_ = 0;
  };
  using value_type = std::string_view;

  StringTable() = default;
  StringTable(std::initializer_list<std::string_view> strings);
  explicit StringTable(const std::vector<std::string>& strings);

  // Views a table laid out as offsets (size + 1 of them, the first 0, never
  // decreasing, the last at most chars.size()) and chars, kept alive by
  // `keep_alive`. The caller checks that layout.
  static StringTable View(std::span<const uint32_t> offsets, std::span<const char> chars,
                          const std::shared_ptr<const void>& keep_alive);

  size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
  bool empty() const { return size() == 0; }
  // The i-th string without copying it: what hot paths use.
  std::string_view view(size_t i) const {
    return {chars_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }
  // A copy, so that `ids[v] + "..."` reads as it did with std::string.
  std::string operator[](size_t i) const { return std::string(view(i)); }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  void push_back(std::string_view text);
  void emplace_back(std::string_view text) { push_back(text); }
  void reserve(size_t strings, size_t chars);
  void clear();

  const Column<uint32_t>& offsets() const { return offsets_; }
  const Column<char>& chars() const { return chars_; }
  size_t MemoryBytes() const { return offsets_.MemoryBytes() + chars_.MemoryBytes(); }

  // Binary search; the table must be sorted ascending (byte order).
  std::optional<size_t> FindSorted(std::string_view text) const;

  friend bool operator==(const StringTable& a, const StringTable& b);

 private:
  Column<uint32_t> offsets_;  // empty, or size() + 1 entries starting at 0
  Column<char> chars_;
};

}  // namespace partnergraph

#endif  // PARTNERGRAPH_COLUMN_H_
