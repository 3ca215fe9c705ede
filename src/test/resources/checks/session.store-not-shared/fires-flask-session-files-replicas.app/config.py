import os


class BaseConfig:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SESSION_TYPE = "redis"


class DevConfig(BaseConfig):
    SESSION_TYPE = "filesystem"


class ProdConfig(BaseConfig):
    SESSION_COOKIE_SECURE = True
    # sessions on the container's own disk
    # expect: session.store-not-shared
    SESSION_TYPE = "filesystem"
