#include "core/interop/StateDictPickle.hpp"

#include "core/base/InputError.hpp"

#include <bit>
#include <cstring>
#include <deque>
#include <map>
#include <variant>

namespace inception {

namespace {

// A pickle's values, as far as a state_dict needs them.
struct Value;
struct Sequence {
    std::vector<Value> items;
};
struct Dict {
    std::vector<std::pair<Value, Value>> items;
};
struct Global {
    std::string module;
    std::string name;
};
struct StorageRef {
    StorageType type;
    std::string key;
    std::int64_t numel;
};
struct None {};

struct Value {
    // Sequences and dicts live in the unpickler's arenas: a pickle may make a dict hold
    // itself (through the memo), which shared ownership would leak.
    std::variant<None, bool, std::int64_t, double, std::string, Sequence*, Dict*, Global,
                 StorageRef, PickledTensor>
        v;
};

const std::map<std::string, StorageType>& storageTypes() {
    static const std::map<std::string, StorageType> types = {
        {"FloatStorage", StorageType::Float32}, {"DoubleStorage", StorageType::Float64},
        {"HalfStorage", StorageType::Float16},  {"BFloat16Storage", StorageType::BFloat16},
        {"LongStorage", StorageType::Int64},    {"IntStorage", StorageType::Int32},
        {"ShortStorage", StorageType::Int16},   {"CharStorage", StorageType::Int8},
        {"ByteStorage", StorageType::UInt8},    {"BoolStorage", StorageType::Bool}};
    return types;
}

bool isAllowedGlobal(const Global& g) {
    if (g.module == "collections")
        return g.name == "OrderedDict";
    if (g.module == "torch._utils")
        return g.name == "_rebuild_tensor_v2" || g.name == "_rebuild_tensor" ||
               g.name == "_rebuild_parameter";
    if (g.module == "torch")
        return storageTypes().contains(g.name);
    if (g.module == "torch.jit._pickle") // LibTorch's pickler tags its dicts' types
        return g.name == "restore_type_tag";
    return false;
}

// The pickle opcodes a state_dict uses (Python's pickletools names them); anything else is
// refused.
namespace op {
constexpr std::uint8_t kMark = '(';
constexpr std::uint8_t kStop = '.';
constexpr std::uint8_t kProto = 0x80;
constexpr std::uint8_t kFrame = 0x95; // protocol 4
constexpr std::uint8_t kNone = 'N';
constexpr std::uint8_t kNewTrue = 0x88;
constexpr std::uint8_t kNewFalse = 0x89;
constexpr std::uint8_t kBinInt = 'J';
constexpr std::uint8_t kBinInt1 = 'K';
constexpr std::uint8_t kBinInt2 = 'M';
constexpr std::uint8_t kLong1 = 0x8a;
constexpr std::uint8_t kBinFloat = 'G';
constexpr std::uint8_t kBinUnicode = 'X';
constexpr std::uint8_t kBinString = 'T';
constexpr std::uint8_t kBinBytes = 'B';
constexpr std::uint8_t kShortBinUnicode = 0x8c;
constexpr std::uint8_t kShortBinString = 'U';
constexpr std::uint8_t kShortBinBytes = 'C';
constexpr std::uint8_t kEmptyTuple = ')';
constexpr std::uint8_t kEmptyList = ']';
constexpr std::uint8_t kTuple = 't';
constexpr std::uint8_t kList = 'l';
constexpr std::uint8_t kTuple1 = 0x85;
constexpr std::uint8_t kTuple2 = 0x86;
constexpr std::uint8_t kTuple3 = 0x87;
constexpr std::uint8_t kAppend = 'a';
constexpr std::uint8_t kAppends = 'e';
constexpr std::uint8_t kEmptyDict = '}';
constexpr std::uint8_t kDict = 'd';
constexpr std::uint8_t kSetItems = 'u';
constexpr std::uint8_t kSetItem = 's';
constexpr std::uint8_t kBuild = 'b';
constexpr std::uint8_t kGlobal = 'c';
constexpr std::uint8_t kStackGlobal = 0x93; // protocol 4
constexpr std::uint8_t kBinPut = 'q';
constexpr std::uint8_t kLongBinPut = 'r';
constexpr std::uint8_t kMemoize = 0x94; // protocol 4
constexpr std::uint8_t kBinGet = 'h';
constexpr std::uint8_t kLongBinGet = 'j';
constexpr std::uint8_t kBinPersId = 'Q';
constexpr std::uint8_t kReduce = 'R';
} // namespace op

class Unpickler {
public:
    Unpickler(std::string_view bytes, const StorageRecordLoader& loadStorage,
              const std::string& source)
        : bytes_(bytes), loadStorage_(loadStorage), source_(source) {}

    Value run();
    std::map<std::string, std::string> takeStorages() { return std::move(storages_); }

private:
    [[noreturn]] void fail(const std::string& what) const { throw InputError(source_, what); }
    [[noreturn]] void damaged() const {
        fail("is not a readable state_dict: its data.pkl is cut short or damaged");
    }

    std::string_view take(std::size_t n) {
        if (bytes_.size() - position_ < n)
            damaged();
        const auto part = bytes_.substr(position_, n);
        position_ += n;
        return part;
    }
    std::uint8_t byte() { return static_cast<std::uint8_t>(take(1)[0]); }
    template <typename T> T littleEndian() {
        T value{};
        std::memcpy(&value, take(sizeof(T)).data(), sizeof(T));
        static_assert(std::endian::native == std::endian::little);
        return value;
    }
    std::string line() {
        const auto end = bytes_.find('\n', position_);
        if (end == std::string_view::npos)
            damaged();
        std::string text(bytes_.substr(position_, end - position_));
        position_ = end + 1;
        return text;
    }

    Value pop() {
        if (stack_.size() <= floor())
            damaged();
        Value v = std::move(stack_.back());
        stack_.pop_back();
        return v;
    }
    Value& top() {
        if (stack_.size() <= floor())
            damaged();
        return stack_.back();
    }
    std::size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
    std::vector<Value> popToMark() {
        if (marks_.empty())
            damaged();
        const std::size_t mark = marks_.back();
        marks_.pop_back();
        std::vector<Value> items(std::make_move_iterator(stack_.begin() + mark),
                                 std::make_move_iterator(stack_.end()));
        stack_.resize(mark);
        return items;
    }
    Dict* newDict() {
        dicts_.emplace_back();
        return &dicts_.back();
    }
    void pushSequence(std::vector<Value> items) {
        sequences_.push_back(Sequence{std::move(items)});
        stack_.push_back({&sequences_.back()});
    }
    Dict& dictAt(Value& v) {
        auto* dict = std::get_if<Dict*>(&v.v);
        if (!dict)
            fail("is not a state_dict: it sets items on something other than a dict");
        return **dict;
    }
    void memoize(std::uint32_t index) { memo_[index] = top(); }
    Value recall(std::uint32_t index) {
        const auto found = memo_.find(index);
        if (found == memo_.end())
            damaged();
        return found->second;
    }
    void pushGlobal(Global g) {
        if (!isAllowedGlobal(g))
            fail("is not a plain state_dict: it holds a Python object of type " + g.module + "." +
                 g.name + " (save model.state_dict() instead)");
        stack_.push_back({std::move(g)});
    }

    // Each handles the opcodes of one kind and says whether `code` was one of them.
    bool pushConstant(std::uint8_t code);
    bool buildSequence(std::uint8_t code);
    bool buildDict(std::uint8_t code);
    bool handleMemo(std::uint8_t code);
    bool handleObjects(std::uint8_t code);
    std::int64_t long1();

    Value persistentLoad(const Value& id);
    Value reduce(const Global& callable, const Sequence& args);
    PickledTensor rebuildTensor(const Sequence& args);
    std::int64_t intOf(const Value& v) const;
    std::vector<std::int64_t> intsOf(const Value& v) const;
    Sequence& sequenceOf(const Value& v) const;

    std::string_view bytes_;
    std::size_t position_ = 0;
    const StorageRecordLoader& loadStorage_;
    const std::string& source_;
    std::vector<Value> stack_;
    std::vector<std::size_t> marks_;
    std::map<std::uint32_t, Value> memo_;
    std::map<std::string, std::string> storages_; // key -> bytes, as loaded
    std::deque<Sequence> sequences_;
    std::deque<Dict> dicts_;
};

std::int64_t Unpickler::intOf(const Value& v) const {
    if (const auto* i = std::get_if<std::int64_t>(&v.v))
        return *i;
    damaged();
}

Sequence& Unpickler::sequenceOf(const Value& v) const {
    if (const auto* s = std::get_if<Sequence*>(&v.v))
        return **s;
    damaged();
}

std::vector<std::int64_t> Unpickler::intsOf(const Value& v) const {
    std::vector<std::int64_t> ints;
    for (const auto& item : sequenceOf(v).items)
        ints.push_back(intOf(item));
    return ints;
}

Value Unpickler::persistentLoad(const Value& id) {
    const auto& parts = sequenceOf(id).items;
    const auto* kind = parts.empty() ? nullptr : std::get_if<std::string>(&parts[0].v);
    if (!kind || *kind != "storage" || parts.size() < 5)
        fail("is not a state_dict: it refers to an object that is not a tensor storage");
    const auto* type = std::get_if<Global>(&parts[1].v);
    const auto* key = std::get_if<std::string>(&parts[2].v);
    if (!type || !key)
        damaged();
    const auto dtype = storageTypes().find(type->name);
    if (dtype == storageTypes().end())
        fail("holds a storage of unsupported type " + type->name);
    const std::int64_t numel = intOf(parts[4]);
    if (numel < 0)
        damaged();
    if (!storages_.contains(*key)) {
        std::string bytes = loadStorage_(*key);
        const auto elementSize = static_cast<std::int64_t>(storageElementBytes(dtype->second));
        if (static_cast<std::int64_t>(bytes.size()) < numel * elementSize)
            fail("storage data/" + *key + " holds " + std::to_string(bytes.size()) +
                 " bytes, not the " + std::to_string(numel * elementSize) + " its tensor needs");
        storages_[*key] = std::move(bytes);
    }
    return {StorageRef{dtype->second, *key, numel}};
}

PickledTensor Unpickler::rebuildTensor(const Sequence& args) {
    if (args.items.size() < 4)
        damaged();
    const auto* storage = std::get_if<StorageRef>(&args.items[0].v);
    if (!storage)
        damaged();
    const std::int64_t offset = intOf(args.items[1]);
    const auto sizes = intsOf(args.items[2]);
    const auto strides = intsOf(args.items[3]);
    if (sizes.size() != strides.size() || offset < 0)
        damaged();
    // The furthest element the view reaches must lie inside the storage.
    std::int64_t last = offset;
    bool empty = false;
    for (std::size_t d = 0; d < sizes.size(); ++d) {
        if (sizes[d] < 0 || strides[d] < 0)
            damaged();
        empty = empty || sizes[d] == 0;
        last += (sizes[d] - 1) * strides[d];
    }
    if (!empty && last >= storage->numel)
        fail("a tensor reaches beyond its storage data/" + storage->key);
    return {{}, storage->type, storage->key, offset, sizes, strides};
}

Value Unpickler::reduce(const Global& callable, const Sequence& args) {
    if (callable.module == "collections") // OrderedDict(): the items follow as SETITEMS
        return {newDict()};
    if (callable.name == "_rebuild_parameter" || callable.name == "restore_type_tag") {
        if (args.items.empty())
            damaged();
        return args.items[0]; // the tensor (or dict) itself
    }
    if (callable.name == "_rebuild_tensor_v2" || callable.name == "_rebuild_tensor")
        return {rebuildTensor(args)};
    fail("is not a state_dict: it calls " + callable.module + "." + callable.name);
}

bool Unpickler::pushConstant(std::uint8_t code) {
    switch (code) {
    case op::kNone:
        stack_.push_back({None{}});
        return true;
    case op::kNewTrue:
        stack_.push_back({true});
        return true;
    case op::kNewFalse:
        stack_.push_back({false});
        return true;
    case op::kBinInt:
        stack_.push_back({std::int64_t{littleEndian<std::int32_t>()}});
        return true;
    case op::kBinInt1:
        stack_.push_back({std::int64_t{byte()}});
        return true;
    case op::kBinInt2:
        stack_.push_back({std::int64_t{littleEndian<std::uint16_t>()}});
        return true;
    case op::kLong1:
        stack_.push_back({long1()});
        return true;
    case op::kBinFloat: // big-endian
        stack_.push_back({std::bit_cast<double>(__builtin_bswap64(littleEndian<std::uint64_t>()))});
        return true;
    case op::kBinUnicode:
    case op::kBinString:
    case op::kBinBytes:
        stack_.push_back({std::string(take(littleEndian<std::uint32_t>()))});
        return true;
    case op::kShortBinUnicode:
    case op::kShortBinString:
    case op::kShortBinBytes:
        stack_.push_back({std::string(take(byte()))});
        return true;
    default:
        return false;
    }
}

// LONG1: little-endian two's complement of n bytes.
std::int64_t Unpickler::long1() {
    const std::uint8_t n = byte();
    if (n > 8)
        fail("holds an integer too large for a tensor's shape");
    const auto digits = take(n);
    std::uint64_t raw = 0;
    for (std::size_t i = 0; i < n; ++i)
        raw |= std::uint64_t{static_cast<std::uint8_t>(digits[i])} << (8 * i);
    if (n > 0 && n < 8 && (static_cast<std::uint8_t>(digits[n - 1]) & 0x80))
        raw |= ~std::uint64_t{0} << (8 * n);
    return static_cast<std::int64_t>(raw);
}

bool Unpickler::buildSequence(std::uint8_t code) {
    switch (code) {
    case op::kEmptyTuple:
    case op::kEmptyList:
        pushSequence({});
        return true;
    case op::kTuple:
    case op::kList:
        pushSequence(popToMark());
        return true;
    case op::kTuple1:
    case op::kTuple2:
    case op::kTuple3: {
        std::vector<Value> items(code - op::kTuple1 + 1);
        for (auto it = items.rbegin(); it != items.rend(); ++it)
            *it = pop();
        pushSequence(std::move(items));
        return true;
    }
    case op::kAppend: {
        Value item = pop();
        sequenceOf(top()).items.push_back(std::move(item));
        return true;
    }
    case op::kAppends: {
        auto items = popToMark();
        auto& list = sequenceOf(top()).items;
        std::move(items.begin(), items.end(), std::back_inserter(list));
        return true;
    }
    default:
        return false;
    }
}

bool Unpickler::buildDict(std::uint8_t code) {
    switch (code) {
    case op::kEmptyDict:
        stack_.push_back({newDict()});
        return true;
    case op::kDict:
    case op::kSetItems: {
        auto items = popToMark();
        if (items.size() % 2 != 0)
            damaged();
        if (code == op::kDict)
            stack_.push_back({newDict()});
        Dict& dict = dictAt(top());
        for (std::size_t i = 0; i < items.size(); i += 2)
            dict.items.emplace_back(std::move(items[i]), std::move(items[i + 1]));
        return true;
    }
    case op::kSetItem: {
        Value value = pop();
        Value key = pop();
        dictAt(top()).items.emplace_back(std::move(key), std::move(value));
        return true;
    }
    case op::kBuild: // an OrderedDict's attributes (`_metadata`), not needed here
        pop();
        dictAt(top());
        return true;
    default:
        return false;
    }
}

bool Unpickler::handleMemo(std::uint8_t code) {
    switch (code) {
    case op::kBinPut:
        memoize(byte());
        return true;
    case op::kLongBinPut:
        memoize(littleEndian<std::uint32_t>());
        return true;
    case op::kMemoize:
        memoize(static_cast<std::uint32_t>(memo_.size()));
        return true;
    case op::kBinGet:
        stack_.push_back(recall(byte()));
        return true;
    case op::kLongBinGet:
        stack_.push_back(recall(littleEndian<std::uint32_t>()));
        return true;
    default:
        return false;
    }
}

bool Unpickler::handleObjects(std::uint8_t code) {
    switch (code) {
    case op::kGlobal: {
        std::string module = line();
        pushGlobal({std::move(module), line()});
        return true;
    }
    case op::kStackGlobal: {
        const Value name = pop();
        const Value module = pop();
        const auto* n = std::get_if<std::string>(&name.v);
        const auto* m = std::get_if<std::string>(&module.v);
        if (!n || !m)
            damaged();
        pushGlobal({*m, *n});
        return true;
    }
    case op::kBinPersId:
        stack_.push_back(persistentLoad(pop()));
        return true;
    case op::kReduce: {
        const Value args = pop();
        const Value callable = pop();
        const auto* global = std::get_if<Global>(&callable.v);
        if (!global)
            damaged();
        stack_.push_back(reduce(*global, sequenceOf(args)));
        return true;
    }
    default:
        return false;
    }
}

Value Unpickler::run() {
    for (;;) {
        const std::uint8_t code = byte();
        switch (code) {
        case op::kProto:
            byte();
            continue;
        case op::kFrame:
            take(8);
            continue;
        case op::kMark:
            marks_.push_back(stack_.size());
            continue;
        case op::kStop:
            if (stack_.size() != 1 || !marks_.empty())
                damaged();
            return pop();
        default:
            break;
        }
        if (!pushConstant(code) && !buildSequence(code) && !buildDict(code) && !handleMemo(code) &&
            !handleObjects(code))
            fail("is not a state_dict: its data.pkl uses pickle opcode 0x" +
                 std::string(1, "0123456789abcdef"[code >> 4]) +
                 std::string(1, "0123456789abcdef"[code & 15]) +
                 ", which a state_dict never holds");
    }
}

// The dict of tensors inside `root`: root itself, or a training script's
// {"state_dict": ..., "epoch": ...} / {"model_state_dict": ...} wrapper.
const Dict* tensorDictIn(const Value& root) {
    const auto* dict = std::get_if<Dict*>(&root.v);
    if (!dict)
        return nullptr;
    for (const auto& [key, value] : (*dict)->items) {
        const auto* name = std::get_if<std::string>(&key.v);
        const auto* inner = std::get_if<Dict*>(&value.v);
        if (name && inner && (*name == "state_dict" || *name == "model_state_dict"))
            return *inner;
    }
    return *dict;
}

} // namespace

std::size_t storageElementBytes(StorageType type) {
    switch (type) {
    case StorageType::Float64:
    case StorageType::Int64:
        return 8;
    case StorageType::Float32:
    case StorageType::Int32:
        return 4;
    case StorageType::Float16:
    case StorageType::BFloat16:
    case StorageType::Int16:
        return 2;
    case StorageType::Int8:
    case StorageType::UInt8:
    case StorageType::Bool:
        return 1;
    }
    return 1;
}

PickledStateDict unpickleStateDict(std::string_view pickle, const StorageRecordLoader& loadStorage,
                                   const std::string& source) {
    Unpickler unpickler(pickle, loadStorage, source);
    const Value root = unpickler.run();
    const Dict* dict = tensorDictIn(root);
    if (!dict)
        throw InputError(source, "is not a state_dict: it does not hold a dict of tensors");
    PickledStateDict weights;
    for (const auto& [key, value] : dict->items) {
        const auto* name = std::get_if<std::string>(&key.v);
        const auto* tensor = std::get_if<PickledTensor>(&value.v);
        if (!name || !tensor)
            throw InputError(source, "is not a state_dict: it holds " +
                                         (name ? "'" + *name + "', which is not a tensor"
                                               : std::string("a key that is not a name")));
        weights.tensors.push_back(*tensor);
        weights.tensors.back().name = *name;
    }
    if (weights.tensors.empty())
        throw InputError(source, "is an empty state_dict");
    weights.storages = unpickler.takeStorages();
    return weights;
}

} // namespace inception
