"""Frozen dataclasses to JSON-ready data and back, checked against their type hints.

Used by the atlas cache: unlike a pickle, reading this data can only ever build the declared
dataclasses with values of the declared types, so a damaged or crafted file cannot run code or
smuggle in an unexpected object. It follows the dataclasses generically (`fields()` and the type
hints), so a new field or a new record type needs no edit here as long as it is built from the
supported types: str, int, float, bool, None, Enum, Literal, dataclasses, and tuple, list, dict
(text keys), set and frozenset of those, and unions of them.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any


class PlainError(ValueError):
    """Data that does not have the shape the type hints declare."""


def to_plain(value: Any) -> Any:
    """`value` as nested dicts, lists and scalars that `json.dumps` accepts."""
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    if isinstance(value, enum.Enum):
        return to_plain(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            raise PlainError("only mappings with text keys can be stored")
        return {key: to_plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [to_plain(item) for item in items]
    raise PlainError(f"cannot store a {type(value).__name__}")


def from_plain(hint: Any, data: Any) -> Any:
    """Rebuild a value of type `hint` from `to_plain` output; PlainError on any mismatch."""
    return _decoder(hint)(data)


Decoder = Callable[[Any], Any]


def _fail(message: str) -> typing.NoReturn:
    raise PlainError(message)


@functools.cache
def _decoder(hint: Any) -> Decoder:
    """A checking decoder for one type hint, built once per hint (the cache is read at every start)."""
    if hint is Any:
        _fail("'Any' cannot be checked")
    if hint is _Unresolved:
        return lambda data: _fail("a value of a type only named for type checking cannot be stored")
    if hint is type(None) or hint is None:
        return lambda data: None if data is None else _fail(f"expected nothing, found {type(data).__name__}")
    if hint is bool:
        return lambda data: data if isinstance(data, bool) else _fail("expected true or false")
    if hint is int:
        return lambda data: (
            data if isinstance(data, int) and not isinstance(data, bool) else _fail("expected an integer")
        )
    if hint is float:
        return _number
    if hint is str:
        return _text
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return functools.partial(_enum, hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Literal:
        return functools.partial(_literal, args)
    if origin is typing.Union or origin is types.UnionType:
        others = tuple(_decoder(arg) for arg in args if arg is not type(None))
        return functools.partial(_union, type(None) in args, others)
    if (origin is tuple and len(args) == 2 and args[1] is Ellipsis) or origin is Sequence:
        return functools.partial(_sequence, _decoder(args[0]), tuple)
    if origin is tuple:
        items = tuple(_decoder(arg) for arg in args)
        if all(item is _number for item in items):  # points: checked without a call per number
            return functools.partial(_numbers, len(items))
        return functools.partial(_fixed_tuple, items)
    if origin in (list, set, frozenset):
        return functools.partial(_sequence, _decoder(args[0]), origin)
    if origin in (dict, Mapping):
        if args[0] is not str:
            _fail(f"mapping keys must be text, not {args[0]}")
        return functools.partial(_mapping, _decoder(args[1]))
    _fail(f"unsupported type {hint!r}")


def _literal(allowed: tuple[Any, ...], data: Any) -> Any:
    if any(type(data) is type(value) and data == value for value in allowed):
        return data
    _fail(f"expected one of {', '.join(map(repr, allowed))}")


def _enum(cls: type[enum.Enum], data: Any) -> enum.Enum:
    try:
        return cls(data)
    except ValueError:
        _fail(f"{data!r:.40} is not a {cls.__name__}")


def _union(optional: bool, decoders: tuple[Decoder, ...], data: Any) -> Any:
    if data is None and optional:  # `X | None` holding None: no failed attempt at X first
        return None
    for decode in decoders:
        try:
            return decode(data)
        except PlainError:
            continue
    _fail("matches none of the allowed types")


def _number(data: Any) -> float:
    if type(data) is float or type(data) is int:  # JSON numbers; a bool is not one
        return float(data)
    _fail("expected a number")


def _numbers(size: int, data: Any) -> tuple[float, ...]:
    if not isinstance(data, list) or len(data) != size:
        _fail(f"expected a list of {size} items")
    for value in data:
        if type(value) is not float and type(value) is not int:
            _fail("expected a number")
    return tuple([float(value) for value in data])


def _text(data: Any) -> str:
    return data if isinstance(data, str) else _fail("expected text")


def _sequence(item: Decoder, build: Callable[[Any], Any], data: Any) -> Any:
    if not isinstance(data, list):
        _fail("expected a list")
    if item is _text:  # most lists hold text: check them without a call per item
        for value in data:
            if not isinstance(value, str):
                _fail("expected text")
        return build(data)
    return build([item(value) for value in data])


def _fixed_tuple(items: tuple[Decoder, ...], data: Any) -> tuple[Any, ...]:
    if not isinstance(data, list) or len(data) != len(items):
        _fail(f"expected a list of {len(items)} items")
    return tuple(decode(value) for decode, value in zip(items, data, strict=True))


def _mapping(value: Decoder, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        _fail("expected a mapping")
    return {_text_key(key): value(item) for key, item in data.items()}


def _text_key(key: Any) -> str:
    return key if isinstance(key, str) else _fail("expected text keys")


class _Unresolved:
    """Stands for a name a module imports only for type checking: no stored value can be one."""


def _hints(cls: type) -> dict[str, Any]:
    """`cls`'s resolved type hints; a name imported only under TYPE_CHECKING becomes `_Unresolved`.

    Such a field can then only come back as None (when its hint allows it): the cache holds what
    it can check and refuses the rest, which means "parse the YAML".
    """
    unresolved: dict[str, Any] = {}
    for _ in range(50):
        try:
            return typing.get_type_hints(cls, localns=unresolved)
        except NameError as exc:
            if not exc.name or exc.name in unresolved:
                break
            unresolved[exc.name] = _Unresolved
    _fail(f"the type hints of {cls.__name__} cannot be resolved")


def _dataclass_decoder(cls: type) -> Decoder:
    hints = _hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    # text fields (most of them) are checked in place rather than through a decoder call each
    plan = tuple((name, None if hints[name] is str else _decoder(hints[name])) for name in names)
    expected = frozenset(names)

    def decode(data: Any) -> Any:
        if not isinstance(data, dict) or data.keys() != expected:
            _fail(f"expected the fields of {cls.__name__}")
        values = {}
        for name, decode_field in plan:
            value = data[name]
            if decode_field is not None:
                value = decode_field(value)
            elif not isinstance(value, str):
                _fail("expected text")
            values[name] = value
        return cls(**values)

    return decode
