import os


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SESSION_COOKIE_SECURE = True


class DevelopmentConfig(Config):
    DEBUG = True
    SESSION_COOKIE_SECURE = False


class ProductionConfig(Config):
    PREFERRED_URL_SCHEME = "https"


config = {"development": DevelopmentConfig, "production": ProductionConfig}
