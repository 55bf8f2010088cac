"""PropDesk (物业监管工作台)."""

__version__ = "0.1.0"
APP_NAME = "PropDesk"
APP_TITLE = "物业监管工作台"
