"""Back/forward history of viewed muscles, like a web browser's (pure Python, no Qt)."""

from __future__ import annotations


class History:
    def __init__(self, limit: int = 200) -> None:
        self._back: list[str] = []
        self._forward: list[str] = []
        self.current: str | None = None
        self._limit = limit

    def visit(self, item: str) -> None:
        """A new page: the current one goes on the back stack and the forward stack is dropped."""
        if item == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
            del self._back[: -self._limit]
        self._forward.clear()
        self.current = item

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> str | None:
        if not self._back:
            return None
        if self.current is not None:
            self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self) -> str | None:
        if not self._forward:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current
